import type { Reminder, ReminderChannelName } from '../../domain/reminder';

/** A run's lease on the deliveries it claims: only the holder of `token` may mark them. */
export interface ReminderClaim {
  token: string;
  now: Date;
  /** When the lease ends and another run may take the rows again. */
  until: Date;
}

export interface PlannedReminders {
  keysScanned: number;
  /** Delivery rows created by this plan; rows that already existed are left as they are. */
  created: number;
}

/** The delivery rows of reminders: planned set-based, claimed under a lease, marked sent or failed. */
export abstract class ReminderDeliveryStore {
  /**
   * Creates a pending delivery for every reminder due at `now`, on `in_app` and on each of the
   * subscriber's `channels` offered here, in one statement; cancels pending ones whose key has
   * moved its expiry or gone. Concurrent plans are serialized by the database.
   */
  abstract planDue(now: Date, channels: ReminderChannelName[]): Promise<PlannedReminders>;

  /** Leases up to `limit` pending deliveries due at `claim.now` on `channels`, skipping rows another run holds. */
  abstract claim(claim: ReminderClaim, channels: ReminderChannelName[], limit: number): Promise<Reminder[]>;

  /** Extends `claim`'s lease on its pending rows to `until`; returns the ids it still holds. */
  abstract renew(claim: ReminderClaim, until: Date): Promise<string[]>;

  /** Marks deliveries sent if `claim` still holds them; returns the ids it marked. Joins the caller's transaction. */
  abstract markSent(ids: string[], claim: ReminderClaim, sentAt: Date): Promise<string[]>;

  /** Records a failed attempt: due again at `retryAt`, or given up when that is null. */
  abstract markFailed(id: string, claim: ReminderClaim, error: string, retryAt: Date | null): Promise<void>;
}
