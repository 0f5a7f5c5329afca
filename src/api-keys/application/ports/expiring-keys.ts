import type { ApiKey } from '../../domain/api-key';
import type { ExpirySeverity } from '../../domain/expiry-severity';

/** Which keys the expiring-soon view looks at: live (not revoked) keys expiring within `days` of `now`, either side. */
export interface ExpiringKeysFilter {
  /** Unset: every tenant (as the system). */
  tenantId?: string;
  /** Narrows to keys a non-admin may see: own keys and keys of teams they manage. */
  visibleTo?: { userId: string; teamIds: string[] };
  /** Only keys this user follows (api_key_notification_subscriptions). */
  subscribedBy?: string;
  now: Date;
  days: number;
}

export interface ExpiringKeysSummary {
  totalCount: number;
  countsBySeverity: Record<ExpirySeverity, number>;
  /** The soonest expiry still ahead; null when every key found has already expired, or none was found. */
  earliestExpiration: Date | null;
  /** Soonest (most overdue) first, at most the requested number. */
  items: ApiKey[];
}

export abstract class ExpiringKeys {
  abstract summarize(filter: ExpiringKeysFilter, limit: number): Promise<ExpiringKeysSummary>;
}
