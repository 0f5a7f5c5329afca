import { FIRST_RETRY_DELAY_MS, MAX_DELIVERY_ATTEMPTS, MAX_RETRY_DELAY_MS, nextAttemptAt } from './reminder-backoff';

describe('reminder retry backoff', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  const delay = (attempts: number) => nextAttemptAt(attempts, now)!.getTime() - now.getTime();

  it('doubles from one minute and stops growing at the cap', () => {
    expect(delay(1)).toBe(FIRST_RETRY_DELAY_MS);
    expect(delay(2)).toBe(2 * FIRST_RETRY_DELAY_MS);
    expect(delay(3)).toBe(4 * FIRST_RETRY_DELAY_MS);
    expect(delay(MAX_DELIVERY_ATTEMPTS - 1)).toBe(Math.min(MAX_RETRY_DELAY_MS, FIRST_RETRY_DELAY_MS * 2 ** (MAX_DELIVERY_ATTEMPTS - 2)));
  });

  it('gives up after the last allowed attempt', () => {
    expect(nextAttemptAt(MAX_DELIVERY_ATTEMPTS, now)).toBeNull();
  });
});
