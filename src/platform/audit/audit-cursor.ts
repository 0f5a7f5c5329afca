import { DomainError } from '../kernel';

export class InvalidAuditCursor extends DomainError {
  readonly code = 'INVALID_CURSOR';
  readonly kind = 'invalid';
  constructor() {
    super('The cursor is not one this listing produced');
  }
}

/** Where a page of the newest-first listing stops: the last record's time (microseconds) and id. */
export interface AuditPosition {
  createdAtMicros: string;
  id: string;
}

export function encodeAuditCursor(position: AuditPosition): string {
  return Buffer.from(`${position.createdAtMicros}|${position.id}`).toString('base64url');
}

export function decodeAuditCursor(cursor: string): AuditPosition {
  const match = /^(\d{1,20})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new InvalidAuditCursor();
  return { createdAtMicros: match[1], id: match[2] };
}
