import { severityOf } from './expiry-severity';

describe('severityOf', () => {
  const now = new Date('2030-01-10T12:00:00Z');
  const at = (hours: number) => new Date(now.getTime() + hours * 3600_000);

  it('puts each boundary in the nearer bucket', () => {
    expect(severityOf(at(-1), now)).toBe('expired');
    expect(severityOf(now, now)).toBe('expired');
    expect(severityOf(at(1), now)).toBe('urgent');
    expect(severityOf(at(72), now)).toBe('urgent');
    expect(severityOf(at(73), now)).toBe('warning');
    expect(severityOf(at(14 * 24), now)).toBe('warning');
    expect(severityOf(at(14 * 24 + 1), now)).toBe('notice');
  });
});
