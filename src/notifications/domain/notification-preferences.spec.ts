import { DaysBeforeExpiryExceedsPolicy } from './notification-errors';
import { applyPreferenceChange, assertDaysWithinPolicy, DEFAULT_PREFERENCES, effectiveDaysBeforeExpiry } from './notification-preferences';

const policy = { enabled: true, defaultDaysBeforeExpiry: 7, maxDaysBeforeExpiry: 30 };

describe('notification preferences', () => {
  it('uses the tenant default without an own choice, and caps an own choice at the maximum', () => {
    expect(effectiveDaysBeforeExpiry(null, policy)).toBe(7);
    expect(effectiveDaysBeforeExpiry(14, policy)).toBe(14);
    expect(effectiveDaysBeforeExpiry(60, policy)).toBe(30);
  });

  it('accepts 1 to the maximum and refuses the rest', () => {
    expect(() => assertDaysWithinPolicy(1, policy)).not.toThrow();
    expect(() => assertDaysWithinPolicy(30, policy)).not.toThrow();
    expect(() => assertDaysWithinPolicy(0, policy)).toThrow(DaysBeforeExpiryExceedsPolicy);
    expect(() => assertDaysWithinPolicy(31, policy)).toThrow(DaysBeforeExpiryExceedsPolicy);
  });

  it('keeps what a change leaves out, and returns to the default with null', () => {
    const own = applyPreferenceChange(DEFAULT_PREFERENCES, { daysBeforeExpiry: 10, channels: ['email', 'webhook', 'email'] });
    expect(own).toEqual({ ...DEFAULT_PREFERENCES, daysBeforeExpiry: 10, channels: ['email', 'webhook'] });
    expect(applyPreferenceChange(own, { enabled: false })).toEqual({ ...own, enabled: false });
    expect(applyPreferenceChange(own, { daysBeforeExpiry: null }).daysBeforeExpiry).toBeNull();
  });
});
