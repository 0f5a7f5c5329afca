import { Injectable, Logger } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { AppConfig } from '../config/app-config';
import { retryDelayMs } from './outbox-backoff';
import { OutboxHandlers } from './outbox-handlers';
import { ClaimedMessage, OutboxStore } from './outbox-store';

// Kept in the row for operators; long enough to read, short enough never to bloat the table.
const MAX_ERROR_LENGTH = 1000;

/**
 * Delivers outbox messages to their topic's handler: claim (lease) in a short transaction,
 * deliver outside any transaction, then mark each delivered or failed. A crash leaves the lease
 * to expire and the message is delivered again: at least once, never by two relays at once while
 * leased, and in order within a topic. Within this process passes never overlap.
 */
@Injectable()
export class OutboxRelay {
  private readonly logger = new Logger('Outbox');
  private running?: Promise<void>;
  private again = false;

  constructor(
    private readonly store: OutboxStore,
    private readonly handlers: OutboxHandlers,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  /** Runs a pass now, or one more right after the pass in progress; resolves when done, never rejects. */
  flush(): Promise<void> {
    this.again = true;
    this.running ??= this.drain().finally(() => (this.running = undefined));
    return this.running;
  }

  /** The timer's tick: a pass unless one is already running. */
  poll(): void {
    if (!this.running) void this.flush();
  }

  /** The pass in progress, if any, to await before shutting down. */
  idle(): Promise<void> {
    return this.running ?? Promise.resolve();
  }

  private async drain(): Promise<void> {
    while (this.again) {
      this.again = false;
      try {
        // A full batch with progress means more may be due: keep going until caught up.
        while (await this.pass());
      } catch (error) {
        // The database is unreachable or similar: leased messages come back when their lease ends.
        this.logger.warn({ err: error }, 'outbox pass failed; will retry');
      }
    }
  }

  /** One claim and its deliveries; true when the batch was full and something was delivered. */
  private async pass(): Promise<boolean> {
    const limit = this.config.outbox.batchSize;
    const claimed = await this.store.claim(this.clock.now(), limit);
    let delivered = 0;
    for (const messages of groupByTopic(claimed)) {
      for (const [index, message] of messages.entries()) {
        if (await this.deliver(message)) {
          delivered += 1;
          continue;
        }
        // The rest of this topic waits behind the failed message, to keep the topic's order.
        await this.store.release(
          messages.slice(index + 1).map((m) => m.id),
          this.clock.now(),
        );
        break;
      }
    }
    return claimed.length === limit && delivered > 0;
  }

  private async deliver(message: ClaimedMessage): Promise<boolean> {
    const handler = this.handlers.forTopic(message.topic);
    try {
      if (!handler) throw new Error(`no handler for topic "${message.topic}"`);
      await handler.handle(message.payload);
    } catch (error) {
      await this.recordFailure(message, error);
      return false;
    }
    await this.store.markDelivered(message.id, this.clock.now());
    return true;
  }

  private async recordFailure(message: ClaimedMessage, error: unknown): Promise<void> {
    const attempts = message.attempts + 1;
    const delayMs = retryDelayMs(attempts, this.config.outbox.maxBackoffMs);
    // The message only, never the payload or a stack: what a handler was given stays out of logs.
    const reason = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
    await this.store.markFailed(message.id, attempts, reason, new Date(this.clock.now().getTime() + delayMs));
    this.logger.warn({ outboxId: message.id, topic: message.topic, attempts, retryInMs: delayMs, reason }, 'outbox delivery failed');
  }
}

/** Claimed messages per topic, each list in enqueue order. */
function groupByTopic(messages: ClaimedMessage[]): ClaimedMessage[][] {
  const byTopic = new Map<string, ClaimedMessage[]>();
  for (const message of messages) byTopic.set(message.topic, [...(byTopic.get(message.topic) ?? []), message]);
  return [...byTopic.values()];
}
