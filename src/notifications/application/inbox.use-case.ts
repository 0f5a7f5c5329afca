import { Injectable } from '@nestjs/common';
import { Clock, DEFAULT_PAGE_SIZE, Principal, TransactionRunner } from '../../platform';
import type { InboxNotification } from '../domain/inbox-notification';
import { NotificationNotFound } from '../domain/notification-errors';
import { personOf } from './caller';
import { decodeInboxCursor, encodeInboxCursor } from './pages';
import { InboxRepository } from './ports/inbox.repository';

export interface InboxList {
  items: InboxNotification[];
  unreadCount: number;
  nextCursor: string | null;
}

/** The caller's in-app inbox: unread first, newest first. */
@Injectable()
export class InboxUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly inbox: InboxRepository,
    private readonly clock: Clock,
  ) {}

  async list(principal: Principal, page: { limit?: number; cursor?: string }): Promise<InboxList> {
    const person = personOf(principal);
    const after = page.cursor ? decodeInboxCursor(page.cursor) : undefined;
    return this.tx.inTenant(person.tenantId, async () => {
      const found = await this.inbox.list(person.userId, page.limit ?? DEFAULT_PAGE_SIZE, after);
      const unreadCount = await this.inbox.unreadCount(person.userId);
      return { items: found.items, unreadCount, nextCursor: found.next ? encodeInboxCursor(found.next) : null };
    });
  }

  async markRead(principal: Principal, id: string): Promise<InboxNotification> {
    const person = personOf(principal);
    return this.tx.inTenant(person.tenantId, async () => {
      const notification = await this.inbox.markRead(person.userId, id, this.clock.now());
      if (!notification) throw new NotificationNotFound();
      return notification;
    });
  }
}
