import { admitRequest, emptyRateDecision, rateInterval } from './rate-window';

describe('admitRequest (GCRA over a minute)', () => {
  const now = 1_800_000_000_000;

  it('admits a burst of exactly the limit, then refuses until one interval has passed', () => {
    for (const limit of [1, 3, 7, 60, 1000, 7777, 999_999, 1_000_000]) {
      const out = emptyRateDecision();
      let tat = 0;
      const remaining: number[] = [];
      for (let i = 0; i < limit; i++) {
        tat = admitRequest(tat, now, limit, out);
        if (!out.allowed) break;
        if (limit <= 1000) remaining.push(out.remaining);
      }
      expect(out.allowed).toBe(true);
      expect(out.remaining).toBe(0);
      if (limit <= 1000) expect(remaining).toEqual(Array.from({ length: limit }, (_, i) => limit - i - 1));
      expect(admitRequest(tat, now, limit, out)).toBe(tat);
      expect(out.allowed).toBe(false);
      expect(out.retryAfterMs).toBe(rateInterval(limit) / 1000);
      // The next whole millisecond after one interval: as many intervals as fit have passed.
      const waitMs = Math.ceil(rateInterval(limit) / 1000);
      admitRequest(tat, now + waitMs, limit, out);
      expect(out.allowed).toBe(true);
      expect(out.remaining).toBe(Math.floor((waitMs * 1000) / rateInterval(limit)) - 1);
    }
  });

  it('reports the time until the full quota is back', () => {
    const out = emptyRateDecision();
    let tat = admitRequest(0, now, 3, out);
    expect(out).toEqual({ allowed: true, limit: 3, remaining: 2, resetMs: 20_000, retryAfterMs: 0 });
    tat = admitRequest(tat, now + 60_000, 3, out);
    expect(out.remaining).toBe(2);
    expect(tat).toBe((now + 80_000) * 1000);
  });

  it('keeps limits above a million a minute working (one request per microsecond)', () => {
    const out = emptyRateDecision();
    admitRequest(0, now, 1_000_000_000, out);
    expect(out).toMatchObject({ allowed: true, limit: 1_000_000_000 });
    expect(Number.isFinite(out.remaining)).toBe(true);
  });
});
