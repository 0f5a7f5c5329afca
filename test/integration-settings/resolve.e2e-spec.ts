import { randomBytes, randomUUID } from 'node:crypto';
import { IntegrationResolver } from '../../src/integration-settings';
import { createKey, xApiKey } from '../api-keys/key-fixtures';
import { bearer, createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture } from '../support/iam-fixtures';
import type { TestApp } from '../support/test-app';
import { MachineCredentialModule, machineCredentials } from './machine-credential.module';

const PROVIDER_SECRET = `sk-platform-${randomBytes(12).toString('hex')}`;
const RUNWARE_SECRET = `rw-platform-${randomBytes(12).toString('hex')}`;

describe('Resolving an integration with its provider secret (server-side port and machine route)', () => {
  let t: TestApp;
  let systemToken: string;
  let tenant: TenantFixture;
  let other: TenantFixture;
  const machine = (tenantId: string, scopes: string[]): Record<string, string> => {
    const value = `machine-${randomUUID()}`;
    machineCredentials.set(value, { keyId: randomUUID(), tenantId, scopes });
    return bearer(value);
  };
  const resolveUrl = (tenantId: string, type = 'openai') => `/v1/tenants/${tenantId}/integrations/${type}/resolve`;

  beforeAll(async () => {
    t = await startIamApp({ imports: [MachineCredentialModule] });
    systemToken = await loginAsAdmin(t);
    tenant = await createTenant(t, systemToken);
    other = await createTenant(t, systemToken);
  });
  afterAll(() => t?.close());

  it('refuses to resolve while the platform holds no key', async () => {
    await expect(t.app.get(IntegrationResolver).resolveIntegration(tenant.id, 'openai')).rejects.toMatchObject({ code: 'INTEGRATION_SECRET_NOT_SET' });
    const res = await t.http.get(resolveUrl(tenant.id)).set(machine(tenant.id, ['integrations:resolve'])).expect(409);
    expect(res.body.code).toBe('INTEGRATION_SECRET_NOT_SET');
  });

  it("gives server-side callers the tenant's effective settings with the decrypted secret", async () => {
    await t.http.put('/v1/admin/integrations/openai').set(bearer(systemToken)).send({ secrets: { api_key: PROVIDER_SECRET } }).expect(200);
    await t.http.put('/v1/admin/integrations/image_generation').set(bearer(systemToken)).send({ secrets: { runware_api_key: RUNWARE_SECRET } }).expect(200);
    await t.http.put(`/v1/tenants/${tenant.id}/integrations/openai`).set(bearer(tenant.admin.token)).send({ temperature: 0.25 }).expect(200);
    await t.http.put(`/v1/tenants/${tenant.id}/integrations/image_generation`).set(bearer(tenant.admin.token)).send({ service: 'runware' }).expect(200);

    const resolver = t.app.get(IntegrationResolver);
    expect(await resolver.resolveIntegration(tenant.id, 'openai')).toEqual({
      type: 'openai',
      settings: expect.objectContaining({ model: 'gpt-4o-mini', temperature: 0.25, max_tokens: 1024 }),
      secret: { name: 'api_key', value: PROVIDER_SECRET },
    });
    expect((await resolver.resolveIntegration(tenant.id, 'image_generation')).secret).toEqual({ name: 'runware_api_key', value: RUNWARE_SECRET });
    expect((await resolver.resolveIntegration(other.id, 'openai')).settings).toMatchObject({ temperature: 0.7 });
    await expect(resolver.resolveIntegration(randomUUID(), 'openai')).rejects.toMatchObject({ code: 'TENANT_NOT_FOUND' });
    await expect(resolver.resolveIntegration(tenant.id, 'nope')).rejects.toMatchObject({ code: 'INTEGRATION_TYPE_NOT_FOUND' });
  });

  it('answers the machine route for an API key of the tenant with the integrations:resolve scope, uncached', async () => {
    const res = await t.http.get(resolveUrl(tenant.id)).set(machine(tenant.id, ['integrations:resolve'])).expect(200);
    expect(res.body).toEqual({
      integration_type: 'openai',
      settings: expect.objectContaining({ temperature: 0.25 }),
      secret: { name: 'api_key', value: PROVIDER_SECRET },
    });
    expect(res.headers['cache-control']).toBe('no-store');
  });

  it('refuses everyone else: keys without the scope, keys of another tenant, people of any rank, no credential', async () => {
    const noScope = await t.http.get(resolveUrl(tenant.id)).set(machine(tenant.id, ['integrations:read'])).expect(403);
    expect(noScope.body).toMatchObject({ code: 'INSUFFICIENT_SCOPE', details: { required_scope: 'integrations:resolve' } });
    const otherTenant = await t.http.get(resolveUrl(tenant.id)).set(machine(other.id, ['integrations:resolve'])).expect(404);
    expect(otherTenant.body.code).toBe('TENANT_NOT_FOUND');
    const member = await createUser(t, tenant.admin.token, tenant.id);
    for (const token of [tenant.admin.token, member.token]) {
      await t.http.get(resolveUrl(tenant.id)).set(bearer(token)).expect(403).expect((r) => expect(r.body.code).toBe('FORBIDDEN'));
    }
    await t.http.get(resolveUrl(tenant.id)).expect(401);
    for (const res of [noScope, otherTenant]) expect(res.text).not.toContain(PROVIDER_SECRET);
  });

  it('refuses a disabled integration', async () => {
    await t.http.put('/v1/admin/integrations/openai').set(bearer(systemToken)).send({ enabled: false }).expect(200);
    await t.http.get(resolveUrl(tenant.id)).set(machine(tenant.id, ['integrations:resolve'])).expect(409).expect((r) => expect(r.body.code).toBe('INTEGRATION_DISABLED'));
    await t.http.put('/v1/admin/integrations/openai').set(bearer(systemToken)).send({ enabled: true }).expect(200);
  });

  it('resolves with a real API key carrying integrations:resolve, and refuses one without it', async () => {
    const withScope = await createKey(t, tenant.admin.token, tenant.id, { scopes: ['integrations:resolve'] });
    const res = await t.http.get(resolveUrl(tenant.id)).set(xApiKey(withScope.key)).expect(200);
    expect(res.body.secret).toEqual({ name: 'api_key', value: PROVIDER_SECRET });
    const withoutScope = await createKey(t, tenant.admin.token, tenant.id, { scopes: ['api_keys:read'] });
    const refused = await t.http.get(resolveUrl(tenant.id)).set(xApiKey(withoutScope.key)).expect(403);
    expect(refused.body.code).toBe('INSUFFICIENT_SCOPE');
    await t.http.get(resolveUrl(other.id)).set(xApiKey(withScope.key)).expect(404);
  });

  it('keeps the resolved secret out of every log line', () => {
    expect(t.log.text).not.toContain(PROVIDER_SECRET);
    expect(t.log.text).not.toContain(RUNWARE_SECRET);
  });
});
