import type { ApiKey } from './api-key';
import { keyChanges, keySnapshot } from './key-changes';

const at = new Date('2026-03-01T12:00:00Z');
const key: ApiKey = {
  id: 'k1',
  tenantId: 't1',
  userId: 'u1',
  teamId: null,
  name: 'ci',
  type: 'secret',
  keyPrefix: 'sk_abcdefghi',
  scopes: ['a:b'],
  resourcePermissions: [],
  expiresAt: null,
  lastUsedAt: null,
  createdAt: at,
  updatedAt: at,
  revokedAt: null,
  revocationReason: null,
  revocationReasonCode: null,
  suspensionReasonCode: null,
  suspensionReasonText: null,
  rotatedFromId: null,
  permission: 'write',
  scope: { type: 'tenant' },
  allowedOrigins: [],
  allowedIps: [],
  rateLimitPerMinute: null,
  suspendedAt: null,
};

describe('key changes for the audit trail', () => {
  it('lists only the edited fields, by their API names, with old and new values', () => {
    const after: ApiKey = { ...key, name: 'deploy', expiresAt: new Date('2026-04-01T00:00:00Z'), scopes: ['a:b'], updatedAt: new Date(), lastUsedAt: new Date() };
    expect(keyChanges(key, after)).toEqual([
      { field: 'name', old: 'ci', new: 'deploy' },
      { field: 'expires_at', old: null, new: '2026-04-01T00:00:00.000Z' },
    ]);
    expect(keyChanges(key, { ...key })).toEqual([]);
    expect(keyChanges(key, { ...key, allowedIps: ['10.0.0.0/8'], scope: { type: 'team', id: 'x' } }).map((c) => c.field)).toEqual(['scope', 'allowed_ips']);
  });

  it('snapshots settings and the display prefix, never more of the key', () => {
    const snapshot = keySnapshot(key);
    expect(snapshot).toMatchObject({ type: 'secret', key_prefix: 'sk_abcdefghi', name: 'ci', scopes: ['a:b'], permission: 'write' });
    expect(Object.keys(snapshot)).not.toContain('key_hash');
  });
});
