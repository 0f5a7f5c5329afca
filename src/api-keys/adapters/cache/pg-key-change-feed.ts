import { Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { Client, Notification } from 'pg';
import { AppConfig } from '../../../platform';
import { KeyChangeFeed } from '../../application/ports/key-change-feed';
import { VerifiedKeyCache } from '../../application/verified-key-cache';

/** Where the `api_keys` trigger announces changed key ids (see the api-keys migration). */
const CHANNEL = 'api_key_changes';
/** A write waits at most this long for its own announcement, then answers anyway. */
const ANNOUNCEMENT_TIMEOUT_MS = 2000;
const RECONNECT_DELAY_MS = 1000;

/**
 * Hears key changes from every instance on a dedicated PostgreSQL connection (LISTEN) and drops
 * them from this instance's cache. While that connection is down the cache is off, so a missed
 * announcement can never leave a revoked key usable. Embedded PostgreSQL serves one process,
 * whose own writes invalidate its cache directly: nothing to listen to there.
 */
@Injectable()
export class PgKeyChangeFeed extends KeyChangeFeed implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('ApiKeyChanges');
  private client?: Client;
  private listening = false;
  private stopped = false;
  private reconnectTimer?: NodeJS.Timeout;
  private readonly waiters = new Map<string, Set<() => void>>();

  constructor(
    private readonly config: AppConfig,
    private readonly cache: VerifiedKeyCache,
  ) {
    super();
  }

  async onApplicationBootstrap(): Promise<void> {
    if (!this.config.database.url) return;
    await this.connect();
  }

  async onApplicationShutdown(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    await this.client?.end().catch(() => undefined);
    for (const id of [...this.waiters.keys()]) this.arrive(id);
  }

  expect(ids: string[]): { arrived: Promise<void>; cancel(): void } {
    if (!this.listening || ids.length === 0) return { arrived: Promise.resolve(), cancel: () => undefined };
    const resolvers: Array<[string, () => void]> = [];
    const arrivals = ids.map(
      (id) =>
        new Promise<void>((resolve) => {
          const set = this.waiters.get(id) ?? new Set();
          set.add(resolve);
          this.waiters.set(id, set);
          resolvers.push([id, resolve]);
        }),
    );
    const cancel = () => {
      for (const [id, resolve] of resolvers) {
        this.waiters.get(id)?.delete(resolve);
        if (this.waiters.get(id)?.size === 0) this.waiters.delete(id);
        resolve();
      }
    };
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<void>((resolve) => {
      timer = setTimeout(() => {
        this.logger.warn({ keys: ids.length }, 'Key change announcement did not come back in time');
        resolve();
      }, ANNOUNCEMENT_TIMEOUT_MS);
      timer.unref();
    });
    const arrived = Promise.race([Promise.all(arrivals).then(() => undefined), timeout]).finally(() => {
      clearTimeout(timer);
      cancel();
    });
    return { arrived, cancel };
  }

  private async connect(): Promise<void> {
    const client = new Client({ connectionString: this.config.database.url, application_name: 'gatehouse-key-changes' });
    client.on('notification', (message: Notification) => this.onNotification(message));
    client.on('error', (error) => this.lost(client, error));
    client.on('end', () => this.lost(client));
    try {
      await client.connect();
      await client.query(`LISTEN ${CHANNEL}`);
      this.client = client;
      this.listening = true;
      // Anything may have changed while nobody listened.
      this.cache.setEnabled(true);
    } catch (error) {
      await client.end().catch(() => undefined);
      this.lost(client, error);
    }
  }

  private onNotification(message: Notification): void {
    if (message.channel !== CHANNEL || !message.payload) return;
    this.cache.invalidate(message.payload);
    this.arrive(message.payload);
  }

  private arrive(id: string): void {
    const set = this.waiters.get(id);
    if (!set) return;
    this.waiters.delete(id);
    for (const resolve of set) resolve();
  }

  private lost(client: Client, error?: unknown): void {
    if (this.client && this.client !== client) return;
    this.client = undefined;
    this.listening = false;
    this.cache.setEnabled(false);
    if (this.stopped) return;
    this.logger.warn({ err: error }, 'Lost the key change listener; verifying against the database until it is back');
    clearTimeout(this.reconnectTimer);
    this.reconnectTimer = setTimeout(() => void this.connect(), RECONNECT_DELAY_MS);
    this.reconnectTimer.unref();
  }
}
