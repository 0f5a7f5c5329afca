/** Wait before the first retry; each further failure doubles it, up to the configured cap. */
export const FIRST_RETRY_MS = 1000;

/** How long a message waits after its `attempts`-th failed delivery (attempts >= 1). */
export function retryDelayMs(attempts: number, maxBackoffMs: number): number {
  // Clamp the exponent so the power stays a finite number for a message that failed for weeks.
  const exponent = Math.min(Math.max(attempts, 1) - 1, 30);
  return Math.min(maxBackoffMs, FIRST_RETRY_MS * 2 ** exponent);
}
