import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { Reminder, ReminderChannelName, ReminderKind } from '../../domain/reminder';
import { PlannedReminders, ReminderClaim, ReminderDeliveryStore } from '../../application/reminders/reminder-delivery.store';
import { DUE_REMINDERS_SQL, EXPIRED_NOTICE_DAYS } from './due-reminders.sql';

// Serializes concurrent plans (held for one statement's transaction): two overlapping
// INSERT ... ON CONFLICT of many rows could otherwise deadlock on each other's unique entries.
const PLAN_LOCK = 'gatehouse.reminders.plan';

interface ClaimedRow {
  id: string;
  tenant_id: string;
  api_key_id: string;
  user_id: string;
  user_email: string;
  expires_at: Date;
  kind: ReminderKind;
  channel: ReminderChannelName;
  attempts: number;
  key_name: string;
  key_prefix: string;
  team_id: string | null;
  team_name: string | null;
}

/** The delivery rows, across tenants (app_system), each change in a short transaction of its own. */
@Injectable()
export class SqlReminderDeliveryStore extends ReminderDeliveryStore {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  planDue(now: Date, channels: ReminderChannelName[]): Promise<PlannedReminders> {
    return this.tx.asSystem(async () => {
      const m = this.tx.manager;
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [PLAN_LOCK]);
      // A key whose expiry moved, or that was revoked, no longer needs what was planned for it.
      await m.query(
        `UPDATE api_key_reminder_deliveries d SET status = 'cancelled', claimed_until = NULL
         FROM api_keys k
         WHERE d.status = 'pending' AND k.id = d.api_key_id
           AND (k.expires_at IS DISTINCT FROM d.expires_at OR k.revoked_at IS NOT NULL)`,
      );
      const [row]: Array<{ keys_scanned: number; created: number }> = await m.query(DUE_REMINDERS_SQL, [
        now.toISOString(),
        channels,
        EXPIRED_NOTICE_DAYS,
      ]);
      return { keysScanned: row.keys_scanned, created: row.created };
    });
  }

  claim(claim: ReminderClaim, channels: ReminderChannelName[], limit: number): Promise<Reminder[]> {
    return this.tx.asSystem(async () => {
      const rows: ClaimedRow[] = await this.tx.manager.query(
        `WITH picked AS (
           SELECT d.id FROM api_key_reminder_deliveries d
           WHERE d.status = 'pending' AND d.next_attempt_at <= $1::timestamptz
             AND (d.claimed_until IS NULL OR d.claimed_until <= $1::timestamptz)
             AND d.channel = ANY($4::text[])
           ORDER BY d.next_attempt_at, d.id
           LIMIT $5
           FOR UPDATE SKIP LOCKED
         ), claimed AS (
           UPDATE api_key_reminder_deliveries d
           SET claimed_until = $2::timestamptz, claim_token = $3::uuid, attempts = d.attempts + 1
           FROM picked WHERE d.id = picked.id
           RETURNING d.id, d.tenant_id, d.api_key_id, d.user_id, d.expires_at, d.kind, d.channel, d.attempts
         )
         SELECT c.id::text AS id, c.tenant_id, c.api_key_id, c.user_id, u.email AS user_email, c.expires_at, c.kind,
                c.channel, c.attempts, k.name AS key_name, k.key_prefix, k.team_id, t.name AS team_name
         FROM claimed c
         JOIN api_keys k ON k.id = c.api_key_id
         JOIN users u ON u.id = c.user_id
         LEFT JOIN teams t ON t.id = k.team_id
         ORDER BY c.id`,
        [claim.now.toISOString(), claim.until.toISOString(), claim.token, channels, limit],
      );
      return rows.map(toReminder);
    });
  }

  renew(claim: ReminderClaim, until: Date): Promise<string[]> {
    return this.tx.asSystem(async () => {
      const rows: Array<{ id: string }> = await this.tx.manager.query(
        `WITH renewed AS (
           UPDATE api_key_reminder_deliveries SET claimed_until = $2::timestamptz
           WHERE claim_token = $1::uuid AND status = 'pending'
           RETURNING id
         )
         SELECT id::text AS id FROM renewed`,
        [claim.token, until.toISOString()],
      );
      return rows.map((row) => row.id);
    });
  }

  markSent(ids: string[], claim: ReminderClaim, sentAt: Date): Promise<string[]> {
    return this.tx.asSystem(async () => {
      const rows: Array<{ id: string }> = await this.tx.manager.query(
        `WITH marked AS (
           UPDATE api_key_reminder_deliveries
           SET status = 'sent', sent_at = $3::timestamptz, claimed_until = NULL, last_error = NULL
           WHERE id = ANY($1::bigint[]) AND claim_token = $2::uuid AND status = 'pending'
           RETURNING id
         )
         SELECT id::text AS id FROM marked`,
        [ids, claim.token, sentAt.toISOString()],
      );
      return rows.map((row) => row.id);
    });
  }

  async markFailed(id: string, claim: ReminderClaim, error: string, retryAt: Date | null): Promise<void> {
    await this.tx.asSystem(() =>
      this.tx.manager.query(
        `UPDATE api_key_reminder_deliveries
         SET last_error = $3, claimed_until = NULL,
             status = CASE WHEN $4::timestamptz IS NULL THEN 'failed' ELSE 'pending' END,
             next_attempt_at = coalesce($4::timestamptz, next_attempt_at)
         WHERE id = $1::bigint AND claim_token = $2::uuid AND status = 'pending'`,
        [id, claim.token, error, retryAt?.toISOString() ?? null],
      ),
    );
  }
}

function toReminder(row: ClaimedRow): Reminder {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    kind: row.kind,
    channel: row.channel,
    attempts: row.attempts,
    user: { id: row.user_id, email: row.user_email },
    key: {
      id: row.api_key_id,
      name: row.key_name,
      prefix: row.key_prefix,
      expiresAt: new Date(row.expires_at),
      teamId: row.team_id,
      teamName: row.team_name,
    },
  };
}
