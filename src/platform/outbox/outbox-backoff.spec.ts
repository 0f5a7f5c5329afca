import { FIRST_RETRY_MS, retryDelayMs } from './outbox-backoff';

describe('retryDelayMs', () => {
  it('doubles from the first retry delay with each failure', () => {
    expect([1, 2, 3, 4].map((n) => retryDelayMs(n, 1_000_000))).toEqual([
      FIRST_RETRY_MS,
      2 * FIRST_RETRY_MS,
      4 * FIRST_RETRY_MS,
      8 * FIRST_RETRY_MS,
    ]);
  });

  it('never exceeds the cap, however many failures', () => {
    expect(retryDelayMs(5, 3000)).toBe(3000);
    expect(retryDelayMs(10_000, 300_000)).toBe(300_000);
  });

  it('treats a first failure reported as zero attempts like one', () => {
    expect(retryDelayMs(0, 1_000_000)).toBe(FIRST_RETRY_MS);
  });
});
