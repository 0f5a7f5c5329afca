import { randomBytes } from 'node:crypto';
import { createTenant, loginAsAdmin, startIamApp, TenantFixture } from '../support/iam-fixtures';
import type { TestApp } from '../support/test-app';
import { FakeProvider } from './fake-provider';
import { RecordingClient } from './recording-client';

const PROVIDER_SECRET = `sk-platform-${randomBytes(12).toString('hex')}`;

describe('Provider test (POST /v1/tenants/{id}/integrations/{type}/test) against a loopback provider', () => {
  let t: TestApp;
  let provider: FakeProvider;
  let system: RecordingClient;
  let tenant: TenantFixture;
  let admin: RecordingClient;
  const seen: string[] = [];
  const testUrl = (type = 'openai') => `/v1/tenants/${tenant.id}/integrations/${type}/test`;

  beforeAll(async () => {
    provider = await new FakeProvider(PROVIDER_SECRET).start();
    t = await startIamApp({ env: { GATEHOUSE_OPENAI_BASE_URL: provider.baseUrl, GATEHOUSE_RUNWARE_BASE_URL: provider.baseUrl } });
    const systemToken = await loginAsAdmin(t);
    system = new RecordingClient(t, systemToken, seen);
    tenant = await createTenant(t, systemToken);
    admin = new RecordingClient(t, tenant.admin.token, seen);
  });
  afterAll(async () => {
    await t?.close();
    await provider?.close();
  });

  it('refuses while the platform holds no key, without calling the provider', async () => {
    const res = await admin.post(testUrl()).expect(409);
    expect(res.body).toMatchObject({ code: 'INTEGRATION_SECRET_NOT_SET', details: { secret: 'api_key' } });
    expect(provider.calls).toEqual([]);
  });

  it("calls the provider with the platform key and checks the tenant's effective model", async () => {
    await system.put('/v1/admin/integrations/openai', { secrets: { api_key: PROVIDER_SECRET } }).expect(200);
    await admin.put(`/v1/tenants/${tenant.id}/integrations/openai`, { model: 'gpt-4o' }).expect(200);
    const res = await admin.post(testUrl()).expect(200);
    expect(res.body).toMatchObject({ integration_type: 'openai', ok: true, provider_status: 200, settings: { model: 'gpt-4o' } });
    expect(res.body.latency_ms).toEqual(expect.any(Number));
    expect(provider.calls).toEqual([{ method: 'GET', path: '/v1/models', authorization: `Bearer ${PROVIDER_SECRET}`, body: '' }]);
  });

  it('reports a model the provider does not offer', async () => {
    await admin.put(`/v1/tenants/${tenant.id}/integrations/openai`, { model: 'gpt-4.1-mini' }).expect(200);
    const res = await admin.post(testUrl()).expect(200);
    expect(res.body).toMatchObject({ ok: false, reason: 'MODEL_UNAVAILABLE', settings: { model: 'gpt-4.1-mini' } });
  });

  it('reports a rejected key with the status only, never the provider body (which repeats the key)', async () => {
    const wrong = `sk-wrong-${randomBytes(8).toString('hex')}`;
    await system.put('/v1/admin/integrations/openai', { secrets: { api_key: wrong } }).expect(200);
    const res = await admin.post(testUrl()).expect(200);
    expect(res.body).toMatchObject({ ok: false, reason: 'PROVIDER_REJECTED_KEY', provider_status: 401 });
    expect(res.text).not.toContain(wrong);
    expect(t.log.text).not.toContain(wrong);
    await system.put('/v1/admin/integrations/openai', { secrets: { api_key: PROVIDER_SECRET } }).expect(200);
  });

  it('uses the key of the image service the settings choose', async () => {
    await system.put('/v1/admin/integrations/image_generation', { secrets: { api_key: PROVIDER_SECRET, runware_api_key: `${PROVIDER_SECRET}-runware` } }).expect(200);
    provider.calls.length = 0;
    await admin.post(testUrl('image_generation')).expect(200).expect((r) => expect(r.body).toMatchObject({ ok: true }));
    expect(provider.calls[0]).toMatchObject({ method: 'GET', path: '/v1/models', authorization: `Bearer ${PROVIDER_SECRET}` });

    await admin.put(`/v1/tenants/${tenant.id}/integrations/image_generation`, { service: 'runware', model: 'runware:100@1' }).expect(200);
    await admin.post(testUrl('image_generation')).expect(200).expect((r) => expect(r.body).toMatchObject({ ok: true, settings: { service: 'runware' } }));
    expect(provider.calls[1]).toMatchObject({ method: 'POST', path: '/v1' });
    expect(JSON.parse(provider.calls[1].body)[0]).toMatchObject({ taskType: 'authentication', apiKey: `${PROVIDER_SECRET}-runware` });
  });

  it('reports an unreachable provider, and refuses a disabled integration', async () => {
    await provider.close();
    const res = await admin.post(testUrl()).expect(200);
    expect(res.body).toMatchObject({ ok: false, reason: 'PROVIDER_UNREACHABLE' });
    await system.put('/v1/admin/integrations/openai', { enabled: false }).expect(200);
    await admin.post(testUrl()).expect(409).expect((r) => expect(r.body.code).toBe('INTEGRATION_DISABLED'));
    await admin.get(`/v1/tenants/${tenant.id}/integrations/openai`).expect(200).expect((r) => expect(r.body.enabled).toBe(false));
  });

  it('never answered or logged the provider secret', () => {
    expect(seen.filter((text) => text.includes(PROVIDER_SECRET))).toEqual([]);
    expect(t.log.text).not.toContain(PROVIDER_SECRET);
  });
});
