import { DomainError } from '../../platform';
import type { KeyPagePosition } from './ports/api-key.repository';

export class InvalidCursor extends DomainError {
  readonly code = 'INVALID_CURSOR';
  readonly kind = 'invalid';
  constructor() {
    super('The cursor is not one this list returned');
  }
}

export function encodeCursor(position: KeyPagePosition): string {
  return Buffer.from(`${position.createdAtMicros}|${position.id}`).toString('base64url');
}

export function decodeCursor(cursor: string): KeyPagePosition {
  const match = /^(\d{1,20})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new InvalidCursor();
  return { createdAtMicros: match[1], id: match[2] };
}
