import type { KeySubscription } from '../../domain/inbox-notification';

/** Where the previous page ended: creation time in microseconds and the key id. */
export interface SubscriptionPagePosition {
  createdAtMicros: string;
  apiKeyId: string;
}

export interface SubscriptionPage {
  items: KeySubscription[];
  next?: SubscriptionPagePosition;
}

/** Who follows which key, in the current unit of work's tenant. */
export abstract class KeySubscriptionsRepository {
  /** Follows the key explicitly (an automatic subscription becomes a manual one); `undefined` when the key is gone. */
  abstract follow(tenantId: string, userId: string, apiKeyId: string, at: Date): Promise<KeySubscription | undefined>;
  /** Whether there was a subscription to remove. */
  abstract unfollow(userId: string, apiKeyId: string): Promise<boolean>;
  /** The user's subscriptions, newest first. */
  abstract listForUser(userId: string, limit: number, after?: SubscriptionPagePosition): Promise<SubscriptionPage>;
  /**
   * Subscribes, to a key just created, its creator when their auto_follow is on (also without a
   * preference row) and every tenant admin who follows all the tenant's keys. Returns how many.
   */
  abstract autoFollow(tenantId: string, apiKeyId: string, creatorId: string, at: Date): Promise<number>;
  /** Gives a key issued by rotation the followers of the key it replaces, keeping each one's source. Returns how many. */
  abstract carryOver(tenantId: string, fromKeyId: string, toKeyId: string, at: Date): Promise<number>;
}
