import type { RateDecision } from '../../domain/rate-window';

/** Rate-limit state shared by every instance (Redis); absent, each instance counts on its own. */
export abstract class SharedRateCounter {
  /** Counts one request of `keyId` against `limit` per minute, atomically across instances. */
  abstract admit(keyId: string, limit: number, nowMs: number): Promise<RateDecision>;
}

/** No shared store configured: the limiter counts in this process only. */
export class NoSharedRateCounter extends SharedRateCounter {
  admit(): Promise<RateDecision> {
    return Promise.reject(new Error('no shared rate counter is configured'));
  }
}
