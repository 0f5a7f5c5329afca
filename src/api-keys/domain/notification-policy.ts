import { DomainError } from '../../platform/kernel';

export class NotificationPolicyDefaultExceedsMax extends DomainError {
  readonly code = 'NOTIFICATION_POLICY_DEFAULT_EXCEEDS_MAX';
  readonly kind = 'invalid';
  constructor(defaultDays: number, maxDays: number) {
    super(
      `notification_policy.max_days_before_expiry (${maxDays}) is below default_days_before_expiry (${defaultDays}); ` +
        'lower the default too, or send lower_default_to_max: true to lower it to the maximum',
      { default_days_before_expiry: defaultDays, max_days_before_expiry: maxDays },
    );
  }
}

/** The day values of a notification policy (key-policy.ts `NotificationPolicy`). */
interface NotificationDays {
  defaultDaysBeforeExpiry: number;
  maxDaysBeforeExpiry: number;
}

/** The tenant default never exceeds the tenant maximum. */
export function assertDefaultWithinMax(policy: NotificationDays): void {
  if (policy.defaultDaysBeforeExpiry > policy.maxDaysBeforeExpiry) {
    throw new NotificationPolicyDefaultExceedsMax(policy.defaultDaysBeforeExpiry, policy.maxDaysBeforeExpiry);
  }
}

/** When the request asks for it, a default above the new maximum comes down to the maximum. */
export function lowerDefaultToMax<T extends NotificationDays>(policy: T): T {
  return { ...policy, defaultDaysBeforeExpiry: Math.min(policy.defaultDaysBeforeExpiry, policy.maxDaysBeforeExpiry) };
}

/**
 * Older deployments stored day values as lists; the largest is the earliest warning and becomes
 * the one number. Anything else is returned untouched for validation to judge.
 */
export function largestOfLegacyDays(value: unknown): unknown {
  if (!Array.isArray(value) || value.length === 0) return value;
  if (!value.every((v) => typeof v === 'number' && Number.isFinite(v))) return value;
  return Math.max(...(value as number[]));
}
