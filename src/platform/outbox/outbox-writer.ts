import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { Outbox } from './outbox.port';
import { OutboxRelay } from './outbox-relay';

/** Outbox.enqueue writes in the caller's unit of work; flush asks the relay for a pass now. */
@Injectable()
export class OutboxWriter extends Outbox {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly relay: OutboxRelay,
    private readonly clock: Clock,
  ) {
    super();
  }

  async enqueue(topic: string, payload: Record<string, unknown>): Promise<void> {
    // `manager` throws outside a unit of work: a message must never commit apart from its change.
    const now = this.clock.now().toISOString();
    await this.tx.manager.query(
      `INSERT INTO outbox (topic, payload, created_at, available_at) VALUES ($1, $2::jsonb, $3::timestamptz, $3::timestamptz)`,
      [topic, JSON.stringify(payload), now],
    );
  }

  flush(): Promise<void> {
    return this.relay.flush();
  }
}
