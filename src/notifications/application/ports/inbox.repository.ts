import type { InboxNotification } from '../../domain/inbox-notification';

export interface NewInboxNotification {
  tenantId: string;
  userId: string;
  kind: string;
  payload: Record<string, unknown>;
  createdAt: Date;
}

/** Where the previous page ended: read or not, creation time in microseconds, id. */
export interface InboxPagePosition {
  read: boolean;
  createdAtMicros: string;
  id: string;
}

export interface InboxPage {
  items: InboxNotification[];
  next?: InboxPagePosition;
}

/** The in-app inbox of the current unit of work's tenant. */
export abstract class InboxRepository {
  abstract add(notification: NewInboxNotification): Promise<InboxNotification>;
  /** Unread first, then newest first. */
  abstract list(userId: string, limit: number, after?: InboxPagePosition): Promise<InboxPage>;
  abstract unreadCount(userId: string): Promise<number>;
  /** Marks the user's notification read (keeping the first read time); `undefined` when it is not theirs. */
  abstract markRead(userId: string, id: string, at: Date): Promise<InboxNotification | undefined>;
}
