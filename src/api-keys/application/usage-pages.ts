import { InvalidCursor } from './key-pages';
import type { UsagePagePosition } from './ports/usage-log';

export function encodeUsageCursor(position: UsagePagePosition): string {
  return Buffer.from(`${position.usedAtMicros}|${position.id}`).toString('base64url');
}

export function decodeUsageCursor(cursor: string): UsagePagePosition {
  const match = /^(-?\d{1,20})\|(\d{1,20})$/.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new InvalidCursor();
  return { usedAtMicros: match[1], id: match[2] };
}
