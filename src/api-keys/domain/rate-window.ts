/**
 * Per-key rate limits as a generic cell rate algorithm (GCRA) over one minute: a key with a limit
 * of L requests per minute may send one request every 60/L seconds, with bursts of up to L. The
 * whole state of a key is one number, its theoretical arrival time (TAT), so a check is a few
 * arithmetic operations and one stored number, in-process or in Redis alike.
 */
export const RATE_PERIOD_MS = 60_000;

/** Absorbs floating-point error in `period / limit` sums (a burst of exactly L must pass). */
const EPSILON = 1e-6;

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

/**
 * Admits one request at `nowMs` against a stored TAT (0 when none) and a limit per minute; writes
 * the outcome into `out` and returns the TAT to store (unchanged when refused).
 */
export function admitRequest(tatMs: number, nowMs: number, limit: number, out: RateDecision): number {
  const interval = RATE_PERIOD_MS / limit;
  const base = tatMs > nowMs ? tatMs : nowMs;
  const next = base + interval;
  const allowAt = next - RATE_PERIOD_MS;
  out.limit = limit;
  if (allowAt - nowMs > EPSILON) {
    out.allowed = false;
    out.remaining = 0;
    out.resetMs = base - nowMs;
    out.retryAfterMs = allowAt - nowMs;
    return tatMs;
  }
  out.allowed = true;
  out.remaining = Math.floor((RATE_PERIOD_MS - (next - nowMs)) / interval + EPSILON);
  out.resetMs = next - nowMs;
  out.retryAfterMs = 0;
  return next;
}

/** Whole seconds for headers, never 0 for a wait that is not over. */
export const secondsUntil = (ms: number): number => (ms <= 0 ? 0 : Math.ceil(ms / 1000));
