import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../../platform';
import { UsageColumns, UsageLog } from './ports/usage-log';

const emptyColumns = (): UsageColumns => ({
  tenantIds: [],
  keyIds: [],
  usedAtMs: [],
  methods: [],
  routes: [],
  statuses: [],
  clientAddresses: [],
  userAgents: [],
});

/** A failed write is retried with the next one, up to this many batches held back; beyond, dropped and logged. */
const MAX_HELD_BATCHES = 100;

/**
 * The usage log's write-behind buffer: a request appends one value to each column array and never
 * waits on the database; a flush writes everything pending in one statement, every
 * `GATEHOUSE_USAGE_FLUSH_MS`, as soon as `GATEHOUSE_USAGE_BATCH_SIZE` uses are waiting, and at
 * shutdown. `flush()` is public so a caller that needs the log current (tests) can force it.
 */
@Injectable()
export class UsageRecorder implements OnApplicationBootstrap, BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeyUsage');
  private pending = emptyColumns();
  private readonly batchSize: number;
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    private readonly log: UsageLog,
    private readonly config: AppConfig,
  ) {
    this.batchSize = config.apiKeys.usageBatchSize;
  }

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), this.config.apiKeys.usageFlushMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  /** Late answers of requests that were in flight at shutdown. */
  async onApplicationShutdown(): Promise<void> {
    await this.flush().catch(() => undefined);
  }

  record(
    tenantId: string,
    keyId: string,
    usedAtMs: number,
    method: string,
    route: string,
    status: number,
    clientAddress: string | undefined,
    userAgent: string | undefined,
  ): void {
    const p = this.pending;
    p.tenantIds.push(tenantId);
    p.keyIds.push(keyId);
    p.usedAtMs.push(usedAtMs);
    p.methods.push(method);
    p.routes.push(route);
    p.statuses.push(status);
    p.clientAddresses.push(clientAddress ?? null);
    p.userAgents.push(userAgent ?? null);
    if (p.keyIds.length === this.batchSize) void this.flush();
  }

  /**
   * Writes everything recorded so far; one write at a time. Uses are recorded once their answer is
   * written; waiting one turn of the event loop first takes in those of answers a caller has just
   * received.
   */
  async flush(): Promise<void> {
    await new Promise<void>((resolve) => setImmediate(resolve));
    while (this.flushing) await this.flushing;
    if (this.pending.keyIds.length === 0) return;
    const batch = this.pending;
    this.pending = emptyColumns();
    this.flushing = this.write(batch).finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private async write(batch: UsageColumns): Promise<void> {
    try {
      await this.log.append(batch);
    } catch (error) {
      const held = this.pending.keyIds.length + batch.keyIds.length;
      if (held > MAX_HELD_BATCHES * this.batchSize) {
        this.logger.error({ err: error, dropped: batch.keyIds.length }, 'Could not write the API key usage log; uses dropped');
        return;
      }
      // Back in front of what arrived meanwhile, so the next write keeps the order.
      const pending = this.pending as unknown as Record<string, unknown[]>;
      const failed = batch as unknown as Record<string, unknown[]>;
      for (const column of Object.keys(failed)) pending[column] = failed[column].concat(pending[column]);
      this.logger.warn({ err: error, uses: batch.keyIds.length }, 'Could not write the API key usage log; retrying later');
    }
  }
}
