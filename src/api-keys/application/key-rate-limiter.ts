import { Injectable, Logger } from '@nestjs/common';
import { admitRequest, emptyRateDecision, RateDecision } from '../domain/rate-window';
import { NoSharedRateCounter, SharedRateCounter } from './ports/shared-rate-counter';

/** One key's whole in-process state: its theoretical arrival time (microseconds), updated in place. */
class LocalBucket {
  tatUs = 0;
}

/** Above this many tracked keys, buckets whose quota is full again are dropped. */
const PRUNE_ABOVE = 100_000;
const WARN_EVERY_MS = 30_000;
/** After the shared counter failed, how long requests are counted in-process before it is asked again. */
const SHARED_RETRY_AFTER_MS = 5000;

/**
 * Per-key rate limits. With a shared counter (Redis) every instance counts against the same
 * budget, one atomic script per request; without one, each process counts on its own, in O(1)
 * with nothing allocated per request. When the shared counter cannot answer, requests are counted
 * in this process instead (failing open to a per-instance limit, never to an error) for the next
 * 5 s before it is asked again, and a warning is logged at most every 30 s.
 */
@Injectable()
export class KeyRateLimiter {
  private readonly logger = new Logger('ApiKeyRateLimits');
  private readonly buckets = new Map<string, LocalBucket>();
  /** Reused by every in-process check: read it before the next check. */
  private readonly decision = emptyRateDecision();
  private readonly sharedEnabled: boolean;
  private warnedAtMs = -Infinity;
  private sharedRetryAtMs = -Infinity;

  constructor(private readonly shared: SharedRateCounter) {
    this.sharedEnabled = !(shared instanceof NoSharedRateCounter);
  }

  /** Counts one request; a promise only when the count is shared across instances. */
  take(keyId: string, limit: number, nowMs: number): RateDecision | Promise<RateDecision> {
    if (!this.sharedEnabled || this.sharedResting(nowMs)) return this.takeLocally(keyId, limit, nowMs);
    return this.shared.admit(keyId, limit, nowMs).catch((error: unknown) => {
      // A hung Redis would cost every request the command timeout: count locally for a while instead.
      this.sharedRetryAtMs = nowMs + SHARED_RETRY_AFTER_MS;
      this.warnUnshared(error, nowMs);
      return { ...this.takeLocally(keyId, limit, nowMs) };
    });
  }

  /** Within the pause after a failure (a clock set back ends the pause rather than stretching it). */
  private sharedResting(nowMs: number): boolean {
    return nowMs < this.sharedRetryAtMs && this.sharedRetryAtMs - nowMs <= SHARED_RETRY_AFTER_MS;
  }

  private takeLocally(keyId: string, limit: number, nowMs: number): RateDecision {
    let bucket = this.buckets.get(keyId);
    if (bucket === undefined) {
      if (this.buckets.size >= PRUNE_ABOVE) this.prune(nowMs);
      bucket = new LocalBucket();
      this.buckets.set(keyId, bucket);
    }
    bucket.tatUs = admitRequest(bucket.tatUs, nowMs, limit, this.decision);
    return this.decision;
  }

  private prune(nowMs: number): void {
    for (const [keyId, bucket] of this.buckets) if (bucket.tatUs <= nowMs * 1000) this.buckets.delete(keyId);
  }

  private warnUnshared(error: unknown, nowMs: number): void {
    if (nowMs - this.warnedAtMs < WARN_EVERY_MS && nowMs >= this.warnedAtMs) return;
    this.warnedAtMs = nowMs;
    const reason = error instanceof Error ? error.message : String(error);
    this.logger.warn({ reason }, 'Shared rate-limit counter unavailable; counting per instance until it answers');
  }
}
