import { Injectable, Logger } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AppConfig } from '../config/app-config';
import { TransactionRunner } from '../database/transaction-runner';
import { OutboxHandler } from './outbox.port';

interface PendingMessage {
  id: string;
  topic: string;
  payload: Record<string, unknown>;
  attempts: number;
  due: boolean;
}

// One relay pass at a time across every instance sharing the database.
const RELAY_LOCK = 'gatehouse.outbox.relay';

/**
 * Delivers outbox messages to their topic's handler, in order. A pass runs in one transaction
 * that holds an advisory lock, so two relays never deliver the same message; a crash rolls the
 * pass back and its messages are delivered again (at least once; handlers are idempotent). A
 * failed message waits with exponential backoff and holds back the later messages of its topic,
 * so a removal never overtakes the addition it undoes.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('Outbox');
  private handlers?: Map<string, OutboxHandler>;
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly tx: TransactionRunner,
    private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
  ) {}

  /** Runs a pass now, or one more after the pass in progress; never throws. */
  runPass(): Promise<void> {
    if (this.running) {
      this.again = true;
      return this.running;
    }
    this.running = (async () => {
      do {
        this.again = false;
        await this.pass().catch((error: unknown) => this.logger.warn({ err: error }, 'outbox pass failed; will retry'));
      } while (this.again);
    })().finally(() => (this.running = undefined));
    return this.running;
  }

  /** The pass in progress, if any, to await before shutting down. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private pass(): Promise<void> {
    return this.tx.asSystem(async () => {
      // Waits for another instance's pass rather than skipping: a flush() must see its own message through.
      await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext($1))`, [RELAY_LOCK]);
      const messages: PendingMessage[] = await this.tx.manager.query(
        `SELECT id, topic, payload, attempts, available_at <= now() AS due FROM outbox
         WHERE processed_at IS NULL ORDER BY position LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.config.outbox.batchSize],
      );
      const held = new Set<string>();
      for (const message of messages) {
        if (held.has(message.topic)) continue;
        if (!message.due || !(await this.deliver(message))) held.add(message.topic);
      }
    });
  }

  private async deliver(message: PendingMessage): Promise<boolean> {
    const handler = this.handlerFor(message.topic);
    try {
      if (!handler) throw new Error(`no handler for topic "${message.topic}"`);
      await handler.handle(message.payload);
      await this.tx.manager.query(`UPDATE outbox SET processed_at = now(), attempts = attempts + 1 WHERE id = $1`, [message.id]);
      return true;
    } catch (error) {
      const attempts = message.attempts + 1;
      const delayMs = Math.min(this.config.outbox.maxBackoffMs, 100 * 2 ** Math.min(attempts, 20));
      const reason = error instanceof Error ? error.message : String(error);
      await this.tx.manager.query(
        `UPDATE outbox SET attempts = $2, last_error = $3, available_at = now() + make_interval(secs => $4::double precision / 1000)
         WHERE id = $1`,
        [message.id, attempts, reason.slice(0, 1000), delayMs],
      );
      this.logger.warn({ outboxId: message.id, topic: message.topic, attempts, retryInMs: delayMs, reason }, 'outbox delivery failed');
      return false;
    }
  }

  private handlerFor(topic: string): OutboxHandler | undefined {
    this.handlers ??= new Map(
      this.discovery
        .getProviders()
        .map((wrapper) => wrapper.instance as unknown)
        .filter((instance): instance is OutboxHandler => instance instanceof OutboxHandler)
        .map((handler) => [handler.topic, handler]),
    );
    return this.handlers.get(topic);
  }
}
