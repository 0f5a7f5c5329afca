import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';

/** A message leased to one relay for delivery. */
export interface ClaimedMessage {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
}

/**
 * How long a claimed message stays leased. A relay that dies mid-delivery holds its messages this
 * long; then another relay takes them again (at least once, so handlers are idempotent).
 */
export const LEASE_MS = 60_000;

// Serializes claims across every instance sharing the database (held for one short transaction).
const CLAIM_LOCK = 'gatehouse.outbox.claim';

/**
 * The outbox rows' state changes, each in a short system transaction of its own, so delivery
 * itself happens outside any transaction. Times come from the caller (the Clock), not the
 * database, so tests move time instead of sleeping.
 */
@Injectable()
export class OutboxStore {
  constructor(private readonly tx: TransactionRunner) {}

  /**
   * Leases up to `limit` due messages, in enqueue order, by pushing their `available_at` past the
   * lease. Per topic only a due prefix is taken: a topic whose oldest pending message is leased
   * or waiting to be retried is held back, so no message of a topic overtakes an earlier one (a
   * removal never lands before the addition it undoes). Claimers take a transaction-scoped
   * advisory lock first: without it two claimers could each lock a different part of one topic.
   */
  claim(now: Date, limit: number): Promise<ClaimedMessage[]> {
    return this.tx.asSystem(async () => {
      const m = this.tx.manager;
      await m.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [CLAIM_LOCK]);
      const rows: Array<ClaimedMessage & { due: boolean }> = await m.query(
        `WITH heads AS (
           SELECT DISTINCT ON (topic) topic, available_at FROM outbox
           WHERE processed_at IS NULL ORDER BY topic, position
         )
         SELECT o.id, o.topic, o.payload, o.attempts, o.available_at <= $1::timestamptz AS due
         FROM outbox o JOIN heads h ON h.topic = o.topic
         WHERE o.processed_at IS NULL AND h.available_at <= $1::timestamptz
         ORDER BY o.position
         LIMIT $2
         FOR UPDATE OF o SKIP LOCKED`,
        [now.toISOString(), limit],
      );
      const held = new Set<string>();
      const claimed: ClaimedMessage[] = [];
      for (const { due, ...message } of rows) {
        if (held.has(message.topic)) continue;
        if (!due) held.add(message.topic);
        else claimed.push(message);
      }
      if (claimed.length > 0) {
        await m.query(`UPDATE outbox SET available_at = $2::timestamptz WHERE id = ANY($1::uuid[])`, [
          claimed.map((c) => c.id),
          new Date(now.getTime() + LEASE_MS).toISOString(),
        ]);
      }
      return claimed;
    });
  }

  async markDelivered(id: string, now: Date): Promise<void> {
    await this.tx.asSystem(() =>
      this.tx.manager.query(
        `UPDATE outbox SET processed_at = $2::timestamptz, attempts = attempts + 1, last_error = NULL
         WHERE id = $1 AND processed_at IS NULL`,
        [id, now.toISOString()],
      ),
    );
  }

  /** Records a failed attempt and when to try again. */
  async markFailed(id: string, attempts: number, error: string, retryAt: Date): Promise<void> {
    await this.tx.asSystem(() =>
      this.tx.manager.query(
        `UPDATE outbox SET attempts = $2, last_error = $3, available_at = $4::timestamptz
         WHERE id = $1 AND processed_at IS NULL`,
        [id, attempts, error, retryAt.toISOString()],
      ),
    );
  }

  /** Gives back leased messages not attempted (held behind a failure), due again at `now`. */
  async release(ids: string[], now: Date): Promise<void> {
    if (ids.length === 0) return;
    await this.tx.asSystem(() =>
      this.tx.manager.query(`UPDATE outbox SET available_at = $2::timestamptz WHERE id = ANY($1::uuid[]) AND processed_at IS NULL`, [
        ids,
        now.toISOString(),
      ]),
    );
  }
}
