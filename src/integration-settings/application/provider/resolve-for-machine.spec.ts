import type { Principal } from '../../../platform';
import { requireResolveCaller, RESOLVE_SCOPE } from './resolve-for-machine.use-case';

const TENANT = '11111111-1111-4111-8111-111111111111';
const OTHER = '22222222-2222-4222-8222-222222222222';
const key = (overrides: Partial<Principal> = {}): Principal => ({
  kind: 'api_key',
  id: 'key-1',
  tenantId: TENANT,
  subject: { type: 'api_key', id: 'key-1' },
  scopes: [RESOLVE_SCOPE],
  ...overrides,
});

describe('who may resolve an integration over HTTP', () => {
  it('lets an API key of the tenant with the integrations:resolve scope through', () => {
    expect(() => requireResolveCaller(key(), TENANT)).not.toThrow();
    expect(() => requireResolveCaller(key({ scopes: ['keys:read', RESOLVE_SCOPE] }), TENANT)).not.toThrow();
  });

  it('refuses keys without the scope, people, and other tenants', () => {
    expect(() => requireResolveCaller(key({ scopes: ['integrations:read'] }), TENANT)).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_SCOPE' }));
    expect(() => requireResolveCaller(key({ scopes: undefined }), TENANT)).toThrow(expect.objectContaining({ code: 'INSUFFICIENT_SCOPE' }));
    const user: Principal = { kind: 'user', id: 'u', userId: 'u', tenantId: TENANT, subject: { type: 'user', id: 'u' }, scopes: [RESOLVE_SCOPE] };
    expect(() => requireResolveCaller(user, TENANT)).toThrow(expect.objectContaining({ code: 'FORBIDDEN' }));
    expect(() => requireResolveCaller(key(), OTHER)).toThrow(expect.objectContaining({ code: 'TENANT_NOT_FOUND' }));
  });
});
