/** `expiring`: the key expires within the subscriber's notice period; `expired`: one notice after it has. */
export type ReminderKind = 'expiring' | 'expired';

/** Where a reminder goes: the in-app inbox always, e-mail and the tenant webhook by preference. */
export type ReminderChannelName = 'in_app' | 'email' | 'webhook';

export const REMINDER_CHANNELS: readonly ReminderChannelName[] = ['in_app', 'email', 'webhook'];

/** One claimed delivery: a reminder to one user, about one key, on one channel, with what a message names. */
export interface Reminder {
  /** The delivery row's id. */
  id: string;
  tenantId: string;
  kind: ReminderKind;
  channel: ReminderChannelName;
  /** Including this one: 1 on the first try. */
  attempts: number;
  user: { id: string; email: string };
  key: { id: string; name: string; prefix: string; expiresAt: Date; teamId: string | null; teamName: string | null };
}

/** What one run did. */
export interface ReminderRunCounts {
  /** Live, subscribed-or-not keys whose expiry falls in any tenant's notice window (or expired lately). */
  keysScanned: number;
  /** Delivery rows the run found due and created (a reminder per user and channel). */
  due: number;
  sent: Record<ReminderChannelName, number>;
  /** Send attempts that failed in this run (each retried later, or given up after the last attempt). */
  failed: number;
  /** Deliveries taken again: after an earlier failure, or after a run that died holding them. */
  retried: number;
  /** Deliveries that failed their last allowed attempt. */
  gaveUp: number;
}

export function emptyCounts(): ReminderRunCounts {
  return { keysScanned: 0, due: 0, sent: { in_app: 0, email: 0, webhook: 0 }, failed: 0, retried: 0, gaveUp: 0 };
}
