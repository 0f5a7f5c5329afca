import { graceEnd, hasScope, isRetired, rejectionOf, stateOf } from './api-key';

const t = (iso: string) => new Date(iso);
const now = t('2026-03-01T12:00:00Z');

describe('API key state', () => {
  it('is active, expired or revoked; revocation wins', () => {
    expect(stateOf({ expiresAt: null, revokedAt: null }, now)).toBe('active');
    expect(stateOf({ expiresAt: t('2026-03-01T12:00:01Z'), revokedAt: null }, now)).toBe('active');
    expect(stateOf({ expiresAt: now, revokedAt: null }, now)).toBe('expired');
    expect(stateOf({ expiresAt: t('2026-01-01T00:00:00Z'), revokedAt: now }, now)).toBe('revoked');
    expect(rejectionOf({ expiresAt: t('2026-01-01T00:00:00Z'), revokedAt: null }, now)).toBe('API_KEY_EXPIRED');
    expect(rejectionOf({ expiresAt: null, revokedAt: t('2026-01-01T00:00:00Z') }, now)).toBe('API_KEY_REVOKED');
    expect(rejectionOf({ expiresAt: null, revokedAt: null }, now)).toBeUndefined();
  });

  it('keeps a rotated key working until its grace period ends, then revoked', () => {
    const end = graceEnd({ expiresAt: null }, now, 3600);
    expect(end).toEqual(t('2026-03-01T13:00:00Z'));
    expect(stateOf({ expiresAt: null, revokedAt: end }, t('2026-03-01T12:59:59Z'))).toBe('active');
    expect(stateOf({ expiresAt: null, revokedAt: end }, end)).toBe('revoked');
    expect(isRetired({ revokedAt: end })).toBe(true);
  });

  it('never stretches a key past its own expiry by rotating it', () => {
    const expiresAt = t('2026-03-01T12:10:00Z');
    expect(graceEnd({ expiresAt }, now, 3600)).toEqual(expiresAt);
  });

  it('grants a scope it holds, or any with *', () => {
    expect(hasScope(['a:b'], 'a:b')).toBe(true);
    expect(hasScope(['a:b'], 'a:c')).toBe(false);
    expect(hasScope(['*'], 'a:c')).toBe(true);
  });
});
