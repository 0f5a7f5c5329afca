import { LoginAttempts } from './login-attempts';

describe('login attempts window', () => {
  it('allows attempts until the limit, then waits for the oldest failure to leave the window', () => {
    const attempts = new LoginAttempts(3, 1000);
    attempts.recordFailure(0);
    attempts.recordFailure(100);
    expect(attempts.waitMs(200)).toBe(0);
    attempts.recordFailure(200);
    expect(attempts.waitMs(300)).toBe(700);
    expect(attempts.waitMs(999)).toBe(1);
    expect(attempts.waitMs(1000)).toBe(0);
  });

  it('forgets failures older than the window', () => {
    const attempts = new LoginAttempts(1, 1000);
    attempts.recordFailure(0);
    expect(attempts.waitMs(500)).toBe(500);
    expect(attempts.waitMs(1000)).toBe(0);
    expect(attempts.isEmpty).toBe(true);
  });
});
