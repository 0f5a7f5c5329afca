import { Logger, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import Redis from 'ioredis';
import { AppConfig } from '../../../platform';
import { RATE_PERIOD_US, RateDecision } from '../../domain/rate-window';
import { SharedRateCounter } from '../../application/ports/shared-rate-counter';

/**
 * The same GCRA step as domain/rate-window.ts, atomically in Redis, in whole microseconds (exact in
 * Lua's doubles): read the key's theoretical arrival time, decide, store the new one with an expiry
 * once the quota would be full again. ARGV: now (ms), limit per minute, period (us).
 * Returns {allowed, remaining, reset us, retry us}.
 */
const ADMIT_SCRIPT = `
local now = tonumber(ARGV[1]) * 1000
local limit = tonumber(ARGV[2])
local interval = math.max(1, math.floor(tonumber(ARGV[3]) / limit))
local tolerance = interval * (limit - 1)
local tat = tonumber(redis.call('GET', KEYS[1]) or '0')
local base = tat > now and tat or now
local ahead = base - now
if ahead > tolerance then
  return {0, 0, ahead, ahead - tolerance}
end
local nxt = base + interval
redis.call('SET', KEYS[1], string.format('%.0f', nxt), 'PX', math.ceil((nxt - now) / 1000) + 1000)
return {1, math.min(limit, math.floor((tolerance + interval - (nxt - now)) / interval)), nxt - now, 0}
`;

interface AdmitCommand {
  gatehouseAdmit(key: string, nowMs: number, limit: number, periodUs: number): Promise<[number, number, number, number]>;
}

const WARN_EVERY_MS = 30_000;
/** How long start-up waits for the first connection before serving (requests fall back meanwhile). */
const CONNECT_WAIT_MS = 2000;

/**
 * Rate-limit counts in Redis (`REDIS_URL`), keyed `<prefix>rate:<key id>`. Commands never queue
 * while disconnected and time out quickly, so an unreachable Redis costs a request at most the
 * timeout, and the limiter falls back to counting in-process.
 */
export class RedisRateCounter extends SharedRateCounter implements OnModuleInit, OnApplicationShutdown {
  private readonly logger = new Logger('RedisRateCounter');
  private readonly redis: Redis & AdmitCommand;
  private readonly prefix: string;
  private warnedAtMs = -Infinity;

  constructor(config: AppConfig) {
    super();
    this.prefix = `${config.redis.keyPrefix}rate:`;
    this.redis = new Redis(config.redis.url ?? '', {
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      commandTimeout: config.redis.commandTimeoutMs,
      lazyConnect: true,
      // Checks of concurrent requests go out as one write: under load, fewer system calls per request.
      enableAutoPipelining: true,
    }) as Redis & AdmitCommand;
    this.redis.defineCommand('gatehouseAdmit', { numberOfKeys: 1, lua: ADMIT_SCRIPT });
    this.redis.on('error', (error: Error) => this.warn(error));
  }

  async onModuleInit(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const waited = new Promise<void>((resolve) => (timer = setTimeout(resolve, CONNECT_WAIT_MS)));
    await Promise.race([this.redis.connect().catch((error: Error) => this.warn(error)), waited]);
    clearTimeout(timer);
  }

  onApplicationShutdown(): void {
    this.redis.disconnect();
  }

  async admit(keyId: string, limit: number, nowMs: number): Promise<RateDecision> {
    const [allowed, remaining, resetUs, retryAfterUs] = await this.redis.gatehouseAdmit(this.prefix + keyId, nowMs, limit, RATE_PERIOD_US);
    return { allowed: allowed === 1, limit, remaining, resetMs: resetUs / 1000, retryAfterMs: retryAfterUs / 1000 };
  }

  private warn(error: Error): void {
    const now = Date.now(); // log throttling only, not a decision: the Clock is not involved
    if (now - this.warnedAtMs < WARN_EVERY_MS) return;
    this.warnedAtMs = now;
    this.logger.warn({ reason: error.message }, 'Redis for rate limits is unreachable');
  }
}
