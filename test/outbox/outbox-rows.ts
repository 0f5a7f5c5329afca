import { TransactionRunner } from '../../src/platform/database/transaction-runner';

export interface OutboxRow {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
  last_error: string | null;
  available_at: Date;
  processed_at: Date | null;
}

/** The outbox rows of `topic`, oldest first, read in a system unit of work. */
export function outboxRows(tx: TransactionRunner, topic: string): Promise<OutboxRow[]> {
  return tx.asSystem(() =>
    tx.manager.query(
      `SELECT id, topic, payload, attempts, last_error, available_at, processed_at FROM outbox WHERE topic = $1 ORDER BY position`,
      [topic],
    ),
  );
}
