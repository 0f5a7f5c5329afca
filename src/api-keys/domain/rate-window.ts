/**
 * Per-key rate limits as a generic cell rate algorithm (GCRA): a key with a limit of L requests
 * per minute may send one request every 60/L seconds (the interval), with bursts of up to L. The
 * whole state of a key is one number, its theoretical arrival time (TAT), so a check is a few
 * arithmetic operations and one stored number, in-process or in Redis alike.
 *
 * Times are whole microseconds: every value stays an exact integer (far below 2^53), so a burst of
 * exactly L always passes and the L+1st never does, whatever L. The burst tolerance is (L - 1)
 * intervals rather than "a minute minus one interval", which keeps that exact when 60 s / L is
 * rounded down to whole microseconds.
 */
export const RATE_PERIOD_US = 60_000_000;

/** What one check decided; filled in place so the in-process path allocates nothing. */
export interface RateDecision {
  allowed: boolean;
  limit: number;
  /** Requests still allowed right now. */
  remaining: number;
  /** Until the key's full quota is back, in milliseconds. */
  resetMs: number;
  /** Refused: until one request would pass, in milliseconds; 0 when allowed. */
  retryAfterMs: number;
}

export function emptyRateDecision(): RateDecision {
  return { allowed: true, limit: 0, remaining: 0, resetMs: 0, retryAfterMs: 0 };
}

/** The interval between requests at `limit` per minute, in whole microseconds (at least 1). */
export const rateInterval = (limit: number): number => Math.max(1, Math.floor(RATE_PERIOD_US / limit));

/**
 * Admits one request at `nowMs` against a stored TAT in microseconds (0 when none) and a limit per
 * minute; writes the outcome into `out` and returns the TAT to store (unchanged when refused).
 */
export function admitRequest(tatUs: number, nowMs: number, limit: number, out: RateDecision): number {
  const nowUs = nowMs * 1000;
  const interval = rateInterval(limit);
  const tolerance = interval * (limit - 1);
  const base = tatUs > nowUs ? tatUs : nowUs;
  const ahead = base - nowUs;
  out.limit = limit;
  if (ahead > tolerance) {
    out.allowed = false;
    out.remaining = 0;
    out.resetMs = ahead / 1000;
    out.retryAfterMs = (ahead - tolerance) / 1000;
    return tatUs;
  }
  const next = base + interval;
  out.allowed = true;
  out.remaining = Math.min(limit, Math.floor((tolerance + interval - (next - nowUs)) / interval));
  out.resetMs = (next - nowUs) / 1000;
  out.retryAfterMs = 0;
  return next;
}

/** Whole seconds for headers, never 0 for a wait that is not over. */
export const secondsUntil = (ms: number): number => (ms <= 0 ? 0 : Math.ceil(ms / 1000));
