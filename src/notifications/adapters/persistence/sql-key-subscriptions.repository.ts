import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { KeySubscription } from '../../domain/inbox-notification';
import { KeySubscriptionsRepository, SubscriptionPage, SubscriptionPagePosition } from '../../application/ports/key-subscriptions.repository';

const COLUMNS = `s.user_id, s.api_key_id, s.tenant_id, s.source, s.created_at,
  k.name, k.key_prefix, k.team_id, k.expires_at, k.revoked_at,
  (extract(epoch FROM s.created_at) * 1000000)::bigint::text AS position_micros`;

interface SubscriptionRow {
  user_id: string;
  api_key_id: string;
  tenant_id: string;
  source: 'auto' | 'manual';
  created_at: Date;
  name: string;
  key_prefix: string;
  team_id: string | null;
  expires_at: Date | null;
  revoked_at: Date | null;
  position_micros: string;
}

const FOREIGN_KEY_VIOLATION = '23503';

@Injectable()
export class SqlKeySubscriptionsRepository extends KeySubscriptionsRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async follow(tenantId: string, userId: string, apiKeyId: string, at: Date): Promise<KeySubscription | undefined> {
    try {
      await this.tx.manager.query(
        `INSERT INTO api_key_notification_subscriptions (user_id, api_key_id, tenant_id, source, created_at)
         VALUES ($1, $2, $3, 'manual', $4)
         ON CONFLICT (api_key_id, user_id) DO UPDATE SET source = 'manual'`,
        [userId, apiKeyId, tenantId, at],
      );
    } catch (error) {
      // The key (or user) went between the view check and this insert.
      if (codeOf(error) === FOREIGN_KEY_VIOLATION) return undefined;
      throw error;
    }
    const rows: SubscriptionRow[] = await this.tx.manager.query(
      `SELECT ${COLUMNS} FROM api_key_notification_subscriptions s JOIN api_keys k ON k.id = s.api_key_id
       WHERE s.user_id = $1 AND s.api_key_id = $2`,
      [userId, apiKeyId],
    );
    return rows[0] && toSubscription(rows[0]);
  }

  async unfollow(userId: string, apiKeyId: string): Promise<boolean> {
    const [, affected]: [unknown, number] = await this.tx.manager.query(
      `DELETE FROM api_key_notification_subscriptions WHERE user_id = $1 AND api_key_id = $2`,
      [userId, apiKeyId],
    );
    return affected > 0;
  }

  async listForUser(userId: string, limit: number, after?: SubscriptionPagePosition): Promise<SubscriptionPage> {
    const params: unknown[] = [userId];
    let where = 's.user_id = $1';
    if (after) {
      params.push(after.createdAtMicros, after.apiKeyId);
      where += ` AND (s.created_at, s.api_key_id) < (timestamptz 'epoch' + $2::bigint * interval '1 microsecond', $3::uuid)`;
    }
    params.push(limit + 1);
    const rows: SubscriptionRow[] = await this.tx.manager.query(
      `SELECT ${COLUMNS} FROM api_key_notification_subscriptions s JOIN api_keys k ON k.id = s.api_key_id
       WHERE ${where} ORDER BY s.created_at DESC, s.api_key_id DESC LIMIT $${params.length}`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toSubscription),
      next: rows.length > limit && last ? { createdAtMicros: last.position_micros, apiKeyId: last.api_key_id } : undefined,
    };
  }

  async autoFollow(tenantId: string, apiKeyId: string, creatorId: string, at: Date): Promise<number> {
    const rows: unknown[] = await this.tx.manager.query(
      `INSERT INTO api_key_notification_subscriptions (user_id, api_key_id, tenant_id, source, created_at)
       SELECT u.id, $2, u.tenant_id, 'auto', $4
       FROM users u LEFT JOIN api_key_notification_preferences p ON p.user_id = u.id
       WHERE u.tenant_id = $1 AND u.disabled_at IS NULL
         AND ((u.id = $3 AND coalesce(p.auto_follow, true)) OR (u.role = 'admin' AND coalesce(p.auto_follow_tenant_keys, false)))
       ON CONFLICT (api_key_id, user_id) DO NOTHING
       RETURNING user_id`,
      [tenantId, apiKeyId, creatorId, at],
    );
    return rows.length;
  }

  async carryOver(tenantId: string, fromKeyId: string, toKeyId: string, at: Date): Promise<number> {
    const rows: unknown[] = await this.tx.manager.query(
      `INSERT INTO api_key_notification_subscriptions (user_id, api_key_id, tenant_id, source, created_at)
       SELECT s.user_id, $3, s.tenant_id, s.source, $4
       FROM api_key_notification_subscriptions s
       WHERE s.tenant_id = $1 AND s.api_key_id = $2
       ON CONFLICT (api_key_id, user_id) DO NOTHING
       RETURNING user_id`,
      [tenantId, fromKeyId, toKeyId, at],
    );
    return rows.length;
  }
}

function toSubscription(row: SubscriptionRow): KeySubscription {
  return {
    userId: row.user_id,
    apiKeyId: row.api_key_id,
    tenantId: row.tenant_id,
    source: row.source,
    createdAt: row.created_at,
    key: { name: row.name, keyPrefix: row.key_prefix, teamId: row.team_id, expiresAt: row.expires_at, revokedAt: row.revoked_at },
  };
}

function codeOf(error: unknown): string | undefined {
  const e = error as { code?: string; driverError?: { code?: string } };
  return e.driverError?.code ?? e.code;
}
