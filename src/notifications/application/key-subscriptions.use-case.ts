import { Injectable } from '@nestjs/common';
import { ApiKeyQueriesUseCase } from '../../api-keys';
import { Clock, DEFAULT_PAGE_SIZE, Principal, TransactionRunner } from '../../platform';
import type { KeySubscription } from '../domain/inbox-notification';
import { SubscribedKeyNotFound, SubscriptionOutsideTenant } from '../domain/notification-errors';
import { Person, personOf } from './caller';
import { decodeSubscriptionCursor, encodeSubscriptionCursor } from './pages';
import { KeySubscriptionsRepository } from './ports/key-subscriptions.repository';

export interface SubscriptionList {
  items: KeySubscription[];
  nextCursor: string | null;
}

/**
 * Following and unfollowing keys. A key is followed only by someone who may view it (the API
 * keys module's rule: a key the caller cannot see is answered as missing), and of its own tenant.
 */
@Injectable()
export class KeySubscriptionsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly subscriptions: KeySubscriptionsRepository,
    private readonly keys: ApiKeyQueriesUseCase,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, page: { limit?: number; cursor?: string }): Promise<SubscriptionList> {
    const person = personOf(principal);
    const after = page.cursor ? decodeSubscriptionCursor(page.cursor) : undefined;
    const found = await this.tx.inTenant(person.tenantId, () =>
      this.subscriptions.listForUser(person.userId, page.limit ?? DEFAULT_PAGE_SIZE, after),
    );
    return { items: found.items, nextCursor: found.next ? encodeSubscriptionCursor(found.next) : null };
  }

  async follow(principal: Principal, tenantId: string, apiKeyId: string): Promise<KeySubscription> {
    const person = await this.personOfTenant(principal, tenantId, apiKeyId);
    return this.tx.inTenant(tenantId, async () => {
      await this.keys.get(principal, tenantId, apiKeyId);
      const subscription = await this.subscriptions.follow(tenantId, person.userId, apiKeyId, this.clock.now());
      if (!subscription) throw new SubscribedKeyNotFound();
      return subscription;
    });
  }

  /** Removing one's own subscription needs no view right (it may have been lost since); otherwise the key must be visible. */
  async unfollow(principal: Principal, tenantId: string, apiKeyId: string): Promise<void> {
    const person = await this.personOfTenant(principal, tenantId, apiKeyId);
    await this.tx.inTenant(tenantId, async () => {
      if (!(await this.subscriptions.unfollow(person.userId, apiKeyId))) await this.keys.get(principal, tenantId, apiKeyId);
    });
  }

  /** Another tenant's key is missing for the caller; a system administrator who sees it still cannot follow it. */
  private async personOfTenant(principal: Principal, tenantId: string, apiKeyId: string): Promise<Person> {
    const person = personOf(principal);
    if (person.tenantId === tenantId) return person;
    await this.keys.get(principal, tenantId, apiKeyId);
    throw new SubscriptionOutsideTenant();
  }
}
