import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { InboxNotification } from '../../domain/inbox-notification';
import { InboxPage, InboxPagePosition, InboxRepository, NewInboxNotification } from '../../application/ports/inbox.repository';

const COLUMNS = `n.id, n.tenant_id, n.user_id, n.kind, n.payload, n.created_at, n.read_at,
  (extract(epoch FROM n.created_at) * 1000000)::bigint::text AS position_micros`;
/** Unread first, then newest first: the order of the notifications_inbox_idx index. */
const ORDER = `(n.read_at IS NOT NULL), n.created_at DESC, n.id DESC`;

interface NotificationRow {
  id: string;
  tenant_id: string;
  user_id: string;
  kind: string;
  payload: Record<string, unknown>;
  created_at: Date;
  read_at: Date | null;
  position_micros: string;
}

@Injectable()
export class SqlInboxRepository extends InboxRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async add(n: NewInboxNotification): Promise<InboxNotification> {
    const rows: NotificationRow[] = await this.tx.manager.query(
      `INSERT INTO notifications AS n (tenant_id, user_id, kind, payload, created_at) VALUES ($1, $2, $3, $4::jsonb, $5) RETURNING ${COLUMNS}`,
      [n.tenantId, n.userId, n.kind, JSON.stringify(n.payload), n.createdAt],
    );
    return toNotification(rows[0]);
  }

  async list(userId: string, limit: number, after?: InboxPagePosition): Promise<InboxPage> {
    const params: unknown[] = [userId];
    let where = 'n.user_id = $1';
    if (after) {
      params.push(after.read, after.createdAtMicros, after.id);
      where += ` AND ((n.read_at IS NOT NULL) > $2::boolean OR ((n.read_at IS NOT NULL) = $2::boolean
        AND (n.created_at, n.id) < (timestamptz 'epoch' + $3::bigint * interval '1 microsecond', $4::uuid)))`;
    }
    params.push(limit + 1);
    const rows: NotificationRow[] = await this.tx.manager.query(
      `SELECT ${COLUMNS} FROM notifications n WHERE ${where} ORDER BY ${ORDER} LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toNotification),
      next: rows.length > limit && last ? { read: last.read_at !== null, createdAtMicros: last.position_micros, id: last.id } : undefined,
    };
  }

  async unreadCount(userId: string): Promise<number> {
    const rows: Array<{ count: string }> = await this.tx.manager.query(
      `SELECT count(*) AS count FROM notifications WHERE user_id = $1 AND read_at IS NULL`,
      [userId],
    );
    return Number(rows[0].count);
  }

  async markRead(userId: string, id: string, at: Date): Promise<InboxNotification | undefined> {
    const [rows]: [NotificationRow[], number] = await this.tx.manager.query(
      `UPDATE notifications n SET read_at = coalesce(n.read_at, $3) WHERE n.id = $1 AND n.user_id = $2 RETURNING ${COLUMNS}`,
      [id, userId, at],
    );
    return rows[0] && toNotification(rows[0]);
  }
}

function toNotification(row: NotificationRow): InboxNotification {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    kind: row.kind,
    payload: row.payload,
    createdAt: row.created_at,
    readAt: row.read_at,
  };
}
