import { Injectable } from '@nestjs/common';
import { AppConfig, Clock } from '../../platform';
import { ApiKeyAttemptsThrottled } from '../domain/api-key-errors';

interface Window {
  startedAtMs: number;
  failures: number;
}

const PRUNE_ABOVE = 10_000;

/**
 * Counts failed key presentations per client address in a fixed window; past the limit, that
 * client's key attempts are refused (429) until the window ends, so keys cannot be guessed online.
 */
@Injectable()
export class FailedAttemptThrottle {
  private readonly windows = new Map<string, Window>();
  private readonly maxFailures: number;
  private readonly windowMs: number;

  constructor(
    config: AppConfig,
    private readonly clock: Clock,
  ) {
    this.maxFailures = config.apiKeys.maxFailures;
    this.windowMs = config.apiKeys.failureWindowSeconds * 1000;
  }

  /** Throws when `client` is over the limit. */
  assertAllowed(client: string): void {
    const window = this.current(client, this.clock.nowMs());
    if (window && window.failures >= this.maxFailures) {
      const retryMs = window.startedAtMs + this.windowMs - this.clock.nowMs();
      throw new ApiKeyAttemptsThrottled(Math.max(1, Math.ceil(retryMs / 1000)));
    }
  }

  recordFailure(client: string): void {
    const nowMs = this.clock.nowMs();
    const window = this.current(client, nowMs);
    if (window) {
      window.failures++;
      return;
    }
    if (this.windows.size >= PRUNE_ABOVE) this.prune(nowMs);
    this.windows.set(client, { startedAtMs: nowMs, failures: 1 });
  }

  private current(client: string, nowMs: number): Window | undefined {
    const window = this.windows.get(client);
    if (window && nowMs - window.startedAtMs < this.windowMs && nowMs >= window.startedAtMs) return window;
    if (window) this.windows.delete(client);
    return undefined;
  }

  private prune(nowMs: number): void {
    for (const [client, window] of this.windows) if (nowMs - window.startedAtMs >= this.windowMs) this.windows.delete(client);
  }
}
