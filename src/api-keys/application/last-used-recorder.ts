import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig, Clock } from '../../platform';
import { LastUsedStore } from './ports/last-used-store';

/** last_used_at is a hint for people, not an audit trail: minute precision is enough. */
const MIN_INTERVAL_MS = 60_000;

/**
 * Notes key uses in memory and writes them behind in batches, at most once a minute per key, so
 * the request path never waits on a write. A final flush runs at shutdown.
 */
@Injectable()
export class LastUsedRecorder implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeyLastUsed');
  private pending = new Map<string, Date>();
  private readonly writtenAtMs = new Map<string, number>();
  private timer?: NodeJS.Timeout;
  private flushing?: Promise<void>;

  constructor(
    private readonly store: LastUsedStore,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    this.timer = setInterval(() => void this.flush(), this.config.apiKeys.lastUsedFlushMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
  }

  touch(keyId: string): void {
    const nowMs = this.clock.nowMs();
    const written = this.writtenAtMs.get(keyId);
    if (written !== undefined && nowMs - written < MIN_INTERVAL_MS && nowMs >= written) return;
    this.pending.set(keyId, new Date(nowMs));
  }

  /** Writes what is pending; one flush at a time. */
  async flush(): Promise<void> {
    while (this.flushing) await this.flushing;
    if (this.pending.size === 0) return;
    const batch = this.pending;
    this.pending = new Map();
    this.flushing = this.write(batch).finally(() => (this.flushing = undefined));
    await this.flushing;
  }

  private async write(batch: Map<string, Date>): Promise<void> {
    try {
      await this.store.record(batch);
      const nowMs = this.clock.now().getTime();
      for (const [id, at] of batch) this.writtenAtMs.set(id, at.getTime());
      for (const [id, at] of this.writtenAtMs) if (nowMs - at >= MIN_INTERVAL_MS) this.writtenAtMs.delete(id);
    } catch (error) {
      // Kept for the next round unless a newer use replaced it.
      for (const [id, at] of batch) if (!this.pending.has(id)) this.pending.set(id, at);
      this.logger.warn({ err: error, keys: batch.size }, 'Could not record API key use; retrying later');
    }
  }
}
