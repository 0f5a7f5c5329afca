import { admitRequest, emptyRateDecision, RATE_PERIOD_MS } from './rate-window';

describe('admitRequest (GCRA over a minute)', () => {
  const now = 1_800_000_000_000;

  it('admits a burst of exactly the limit, then refuses until one interval has passed', () => {
    for (const limit of [1, 3, 7, 60, 1000]) {
      const out = emptyRateDecision();
      let tat = 0;
      for (let i = 0; i < limit; i++) {
        tat = admitRequest(tat, now, limit, out);
        expect(out.allowed).toBe(true);
        expect(out.remaining).toBe(limit - i - 1);
      }
      expect(admitRequest(tat, now, limit, out)).toBe(tat);
      expect(out.allowed).toBe(false);
      expect(out.retryAfterMs).toBeCloseTo(RATE_PERIOD_MS / limit, 6);
      const later = now + RATE_PERIOD_MS / limit;
      admitRequest(tat, later, limit, out);
      expect(out.allowed).toBe(true);
      expect(out.remaining).toBe(0);
    }
  });

  it('reports the time until the full quota is back', () => {
    const out = emptyRateDecision();
    let tat = admitRequest(0, now, 3, out);
    expect(out).toEqual({ allowed: true, limit: 3, remaining: 2, resetMs: 20_000, retryAfterMs: 0 });
    tat = admitRequest(tat, now + 60_000, 3, out);
    expect(out.remaining).toBe(2);
    expect(tat).toBe(now + 80_000);
  });
});
