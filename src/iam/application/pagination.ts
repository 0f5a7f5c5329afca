import { DEFAULT_PAGE_SIZE } from '../../platform';
import { InvalidCursor } from '../domain/iam-errors';
import type { Page, PagePosition, PageRequest } from './ports/page';

/** A page as callers see it: the opaque cursor of the next page, or null at the end. */
export interface CursorPage<T> {
  items: T[];
  nextCursor: string | null;
}

export function pageRequest(limit: number | undefined, cursor: string | undefined): PageRequest {
  return { limit: limit ?? DEFAULT_PAGE_SIZE, after: cursor ? decodeCursor(cursor) : undefined };
}

export function toCursorPage<T, U = T>(page: Page<T>, map: (item: T) => U = (item) => item as unknown as U): CursorPage<U> {
  return { items: page.items.map(map), nextCursor: page.next ? encodeCursor(page.next) : null };
}

function encodeCursor(position: PagePosition): string {
  return Buffer.from(`${position.createdAtMicros}|${position.id}`).toString('base64url');
}

function decodeCursor(cursor: string): PagePosition {
  const match = /^(\d{1,20})\|([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$/i.exec(Buffer.from(cursor, 'base64url').toString());
  if (!match) throw new InvalidCursor();
  return { createdAtMicros: match[1], id: match[2] };
}
