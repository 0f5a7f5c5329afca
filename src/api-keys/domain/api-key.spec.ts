import { graceEnd, hasScope, isRetired, rejectionOf, stateOf } from './api-key';

const t = (iso: string) => new Date(iso);
const now = t('2026-03-01T12:00:00Z');

type Fields = Parameters<typeof stateOf>[0];
const key = (fields: Partial<Fields>): Fields => ({ expiresAt: null, revokedAt: null, revocationReasonCode: null, suspendedAt: null, ...fields });

describe('API key state', () => {
  it('is active, expired or revoked; an outright revocation wins over expiry', () => {
    expect(stateOf(key({}), now)).toBe('active');
    expect(stateOf(key({ expiresAt: t('2026-03-01T12:00:01Z') }), now)).toBe('active');
    expect(stateOf(key({ expiresAt: now }), now)).toBe('expired');
    expect(stateOf(key({ expiresAt: t('2026-01-01T00:00:00Z'), revokedAt: now, revocationReasonCode: 'user_request' }), now)).toBe('revoked');
    expect(rejectionOf(key({ expiresAt: t('2026-01-01T00:00:00Z') }), now)).toBe('API_KEY_EXPIRED');
    expect(rejectionOf(key({ revokedAt: t('2026-01-01T00:00:00Z'), revocationReasonCode: 'other' }), now)).toBe('API_KEY_REVOKED');
    expect(rejectionOf(key({}), now)).toBeUndefined();
  });

  it('keeps a rotated key working until its grace period ends, then revoked', () => {
    const end = graceEnd({ expiresAt: null }, now, 3600);
    expect(end).toEqual(t('2026-03-01T13:00:00Z'));
    expect(stateOf(key({ revokedAt: end }), t('2026-03-01T12:59:59Z'))).toBe('active');
    expect(stateOf(key({ revokedAt: end }), end)).toBe('revoked');
    expect(stateOf(key({ revokedAt: end, revocationReasonCode: 'rotation_completed' }), end)).toBe('revoked');
    expect(isRetired({ revokedAt: end })).toBe(true);
  });

  it('ranks revoked, then expired, then past rotation grace, then suspended', () => {
    const past = t('2026-02-01T00:00:00Z');
    const suspendedAt = t('2026-01-15T00:00:00Z');
    const all = { expiresAt: past, revokedAt: past, suspendedAt };
    expect(stateOf(key({ ...all, revocationReasonCode: 'key_compromised' }), now)).toBe('revoked');
    expect(stateOf(key(all), now)).toBe('expired');
    expect(stateOf(key({ ...all, revocationReasonCode: 'rotation_completed' }), now)).toBe('expired');
    expect(stateOf(key({ revokedAt: past, suspendedAt }), now)).toBe('revoked');
    expect(stateOf(key({ suspendedAt }), now)).toBe('suspended');
    expect(rejectionOf(key({ suspendedAt }), now)).toBe('API_KEY_SUSPENDED');
    expect(stateOf(key({ suspendedAt, revokedAt: t('2026-03-02T00:00:00Z') }), now)).toBe('suspended');
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
