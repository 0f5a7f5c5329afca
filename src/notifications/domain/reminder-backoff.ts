const MINUTE_MS = 60_000;

/** Wait before the first retry; each further failure doubles it, up to MAX_RETRY_DELAY_MS. */
export const FIRST_RETRY_DELAY_MS = MINUTE_MS;
export const MAX_RETRY_DELAY_MS = 6 * 60 * MINUTE_MS;
/** After this many failed attempts a delivery is given up (status `failed`, its last error kept). */
export const MAX_DELIVERY_ATTEMPTS = 10;

/** When a delivery that failed its `attempts`-th try is tried again, or null when it is given up. */
export function nextAttemptAt(attempts: number, now: Date): Date | null {
  if (attempts >= MAX_DELIVERY_ATTEMPTS) return null;
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  return new Date(now.getTime() + Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** exponent));
}
