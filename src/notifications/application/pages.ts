import { InvalidCursor } from '../domain/notification-errors';
import type { InboxPagePosition } from './ports/inbox.repository';
import type { SubscriptionPagePosition } from './ports/key-subscriptions.repository';

const UUID = '[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}';
const INBOX = new RegExp(`^([01])\\|(\\d{1,20})\\|(${UUID})$`, 'i');
const SUBSCRIPTIONS = new RegExp(`^(\\d{1,20})\\|(${UUID})$`, 'i');

const encode = (text: string) => Buffer.from(text).toString('base64url');
const decode = (cursor: string) => Buffer.from(cursor, 'base64url').toString();

export function encodeInboxCursor(p: InboxPagePosition): string {
  return encode(`${p.read ? 1 : 0}|${p.createdAtMicros}|${p.id}`);
}

export function decodeInboxCursor(cursor: string): InboxPagePosition {
  const match = INBOX.exec(decode(cursor));
  if (!match) throw new InvalidCursor();
  return { read: match[1] === '1', createdAtMicros: match[2], id: match[3] };
}

export function encodeSubscriptionCursor(p: SubscriptionPagePosition): string {
  return encode(`${p.createdAtMicros}|${p.apiKeyId}`);
}

export function decodeSubscriptionCursor(cursor: string): SubscriptionPagePosition {
  const match = SUBSCRIPTIONS.exec(decode(cursor));
  if (!match) throw new InvalidCursor();
  return { createdAtMicros: match[1], apiKeyId: match[2] };
}
