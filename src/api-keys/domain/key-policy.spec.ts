import { ExpiryExceedsPolicy } from './api-key-errors';
import { assertConsistentPolicy, assertKeyWithinPolicy, DEFAULT_KEY_POLICY, expiryInDays, KeyPolicy } from './key-policy';

const now = new Date('2026-03-01T00:00:00Z');
const policy = (over: Partial<KeyPolicy>): KeyPolicy => ({ ...DEFAULT_KEY_POLICY, ...over });
const codeOf = (work: () => void): string | undefined => {
  try {
    work();
    return undefined;
  } catch (error) {
    return (error as { code?: string }).code;
  }
};

describe('Tenant key policy', () => {
  it('allows anything by default, keys without expiry included', () => {
    expect(codeOf(() => assertKeyWithinPolicy(DEFAULT_KEY_POLICY, { type: 'public', scopes: ['a:b'], expiresAt: null }, now))).toBeUndefined();
  });

  it('refuses an expiry past the maximum, with the maximum in details, and a key that never expires', () => {
    const p = policy({ maxExpiryDays: 90 });
    expect(codeOf(() => assertKeyWithinPolicy(p, { type: 'secret', scopes: [], expiresAt: expiryInDays(now, 90) }, now))).toBeUndefined();
    let error: unknown;
    try {
      assertKeyWithinPolicy(p, { type: 'secret', scopes: [], expiresAt: expiryInDays(now, 91) }, now);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ExpiryExceedsPolicy);
    expect((error as ExpiryExceedsPolicy).details).toEqual({ max_expiry_days: 90, latest_expires_at: '2026-05-30T00:00:00.000Z' });
    expect(codeOf(() => assertKeyWithinPolicy(p, { type: 'secret', scopes: [], expiresAt: null }, now))).toBe('API_KEY_EXPIRY_EXCEEDS_POLICY');
  });

  it('requires an expiry when asked to, and one in the future', () => {
    const p = policy({ requireExpiry: true });
    expect(codeOf(() => assertKeyWithinPolicy(p, { type: 'secret', scopes: [], expiresAt: null }, now))).toBe('API_KEY_EXPIRY_REQUIRED');
    expect(codeOf(() => assertKeyWithinPolicy(p, { type: 'secret', scopes: [], expiresAt: now }, now))).toBe('API_KEY_EXPIRY_IN_PAST');
  });

  it('refuses public keys and scopes the policy does not allow', () => {
    const p = policy({ allowPublicKeys: false, allowedScopes: ['models:read', 'api_keys:verify'] });
    expect(codeOf(() => assertKeyWithinPolicy(p, { type: 'public', scopes: [], expiresAt: null }, now))).toBe('API_KEY_PUBLIC_NOT_ALLOWED');
    expect(codeOf(() => assertKeyWithinPolicy(p, { type: 'secret', scopes: ['models:read'], expiresAt: null }, now))).toBeUndefined();
    expect(codeOf(() => assertKeyWithinPolicy(p, { type: 'secret', scopes: ['models:read', 'models:write'], expiresAt: null }, now))).toBe(
      'API_KEY_SCOPE_NOT_ALLOWED',
    );
  });

  it('refuses a notification policy that contradicts itself or the maximum', () => {
    const n = DEFAULT_KEY_POLICY.notificationPolicy;
    expect(codeOf(() => assertConsistentPolicy(policy({ notificationPolicy: { ...n, defaultDaysBeforeExpiry: 40 } })))).toBe('NOTIFICATION_POLICY_DEFAULT_EXCEEDS_MAX');
    expect(codeOf(() => assertConsistentPolicy(policy({ maxExpiryDays: 10 })))).toBe('API_KEY_POLICY_INVALID');
    expect(codeOf(() => assertConsistentPolicy(policy({ maxExpiryDays: 30 })))).toBeUndefined();
  });
});
