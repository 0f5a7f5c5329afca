import { DaysBeforeExpiryExceedsPolicy } from './notification-errors';

/** Channels beyond the in-app inbox, which is always on. */
export const EXTRA_CHANNELS = ['email', 'webhook'] as const;
export type ExtraChannel = (typeof EXTRA_CHANNELS)[number];

/** The tenant's rules (its key policy's `notification_policy`). */
export interface TenantNotificationPolicy {
  enabled: boolean;
  defaultDaysBeforeExpiry: number;
  maxDaysBeforeExpiry: number;
}

/** What a user chose; `daysBeforeExpiry: null` follows the tenant default. */
export interface NotificationPreferences {
  enabled: boolean;
  daysBeforeExpiry: number | null;
  autoFollow: boolean;
  /** Tenant admins only: follow every key created in the tenant. */
  autoFollowTenantKeys: boolean;
  channels: ExtraChannel[];
}

/** A user without a preference row. */
export const DEFAULT_PREFERENCES: NotificationPreferences = {
  enabled: true,
  daysBeforeExpiry: null,
  autoFollow: true,
  autoFollowTenantKeys: false,
  channels: ['email'],
};

/**
 * The days before expiry reminders use: the user's own choice capped at the tenant maximum (the
 * maximum may have been lowered since), or the tenant default.
 */
export function effectiveDaysBeforeExpiry(own: number | null, policy: TenantNotificationPolicy): number {
  return own === null ? policy.defaultDaysBeforeExpiry : Math.min(own, policy.maxDaysBeforeExpiry);
}

/** A user's own choice lies between 1 and the tenant maximum. */
export function assertDaysWithinPolicy(days: number, policy: TenantNotificationPolicy): void {
  if (days < 1 || days > policy.maxDaysBeforeExpiry) throw new DaysBeforeExpiryExceedsPolicy(days, policy.maxDaysBeforeExpiry);
}

/** A change with fields left out keeps their current values. */
export function applyPreferenceChange(current: NotificationPreferences, change: Partial<NotificationPreferences>): NotificationPreferences {
  const defined = Object.fromEntries(Object.entries(change).filter(([, value]) => value !== undefined));
  const next = { ...current, ...defined } as NotificationPreferences;
  return { ...next, channels: [...new Set(next.channels)] };
}
