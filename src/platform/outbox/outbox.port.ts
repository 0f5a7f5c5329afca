/**
 * The transactional outbox: a message enqueued inside a unit of work commits or rolls back with
 * it, and is then delivered at least once, by topic, to its handler, with retries and backoff.
 */
export abstract class Outbox {
  /** Adds a message to the current unit of work's transaction (TransactionRunner); throws outside one. */
  abstract enqueue(topic: string, payload: Record<string, unknown>): Promise<void>;

  /**
   * Delivers what is due now and waits for it, so that a caller's next read sees its own write;
   * failures stay queued for the background relay, never thrown.
   */
  abstract flush(): Promise<void>;
}

/** Delivers one topic's messages; must be idempotent (a message may arrive more than once). */
export abstract class OutboxHandler {
  abstract readonly topic: string;
  abstract handle(payload: Record<string, unknown>): Promise<void>;
}
