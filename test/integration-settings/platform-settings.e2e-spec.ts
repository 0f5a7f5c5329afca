import { randomBytes } from 'node:crypto';
import { createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture } from '../support/iam-fixtures';
import type { TestApp } from '../support/test-app';
import { RecordingClient } from './recording-client';

const PROVIDER_SECRET = `sk-platform-${randomBytes(12).toString('hex')}`;
const SECOND_SECRET = `sk-second-${randomBytes(12).toString('hex')}`;

describe('Platform integration settings (system administrators)', () => {
  let t: TestApp;
  let admin: RecordingClient;
  let tenant: TenantFixture;
  const seen: string[] = [];

  beforeAll(async () => {
    t = await startIamApp();
    admin = new RecordingClient(t, await loginAsAdmin(t), seen);
    tenant = await createTenant(t, await loginAsAdmin(t));
  });
  afterAll(() => t?.close());

  it('seeds sensible defaults on first start, with no secret set', async () => {
    const res = await admin.get('/v1/admin/integrations').expect(200);
    expect(res.body.items.map((i: { integration_type: string }) => i.integration_type)).toEqual(['openai', 'image_generation']);
    const openai = res.body.items[0];
    expect(openai).toMatchObject({
      enabled: true,
      defaults: { model: 'gpt-4o-mini', temperature: 0.7, max_tokens: 1024 },
      secrets: { api_key: { set: false, fingerprint: null, updated_at: null } },
    });
    expect(openai.defaults.allowed_models).toEqual(expect.arrayContaining([{ name: 'gpt-4o', max_tokens: 16384 }]));
    expect(res.body.items[1]).toMatchObject({
      defaults: { service: 'openai', model: 'dall-e-3', image_quality: 'standard', sizes: ['1024x1024'] },
      secrets: { api_key: { set: false }, runware_api_key: { set: false } },
    });
  });

  it('stores a secret write-only: the answer shows {set, fingerprint, updated_at} and the row only ciphertext', async () => {
    const res = await admin.put('/v1/admin/integrations/openai', { secrets: { api_key: PROVIDER_SECRET } }).expect(200);
    expect(res.body.secrets.api_key).toEqual({ set: true, fingerprint: expect.stringMatching(/^sha256:[0-9a-f]{16}$/), updated_at: expect.any(String) });
    expect(Object.keys(res.body.secrets.api_key).sort()).toEqual(['fingerprint', 'set', 'updated_at']);
    const again = await admin.get('/v1/admin/integrations/openai').expect(200);
    expect(again.body.secrets.api_key).toEqual(res.body.secrets.api_key);

    const [row] = await t.dataSource.query(`SELECT secrets::text AS secrets, defaults::text AS defaults FROM global_integration_settings WHERE integration_type = 'openai'`);
    expect(row.secrets).not.toContain(PROVIDER_SECRET);
    expect(row.defaults).not.toContain(PROVIDER_SECRET);
    const stored = JSON.parse(row.secrets).api_key;
    expect(stored).toMatchObject({ key_id: 'k1', iv: expect.any(String), tag: expect.any(String), ciphertext: expect.any(String) });
    expect(Buffer.from(stored.ciphertext, 'base64').toString('utf8')).not.toContain(PROVIDER_SECRET);
    // Nowhere else in the database either.
    const everywhere = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT to_jsonb(a)::text AS t FROM audit_log a UNION ALL SELECT to_jsonb(g)::text FROM global_integration_settings g) x WHERE t LIKE '%' || $1 || '%'`,
      [PROVIDER_SECRET],
    );
    expect(everywhere[0].n).toBe(0);
  });

  it('changes only what a PUT names: defaults merge field by field, a secret left out stays', async () => {
    const before = (await admin.get('/v1/admin/integrations/openai').expect(200)).body;
    const res = await admin.put('/v1/admin/integrations/openai', { defaults: { temperature: 0.4 } }).expect(200);
    expect(res.body.defaults).toEqual({ ...before.defaults, temperature: 0.4 });
    expect(res.body.secrets.api_key.fingerprint).toBe(before.secrets.api_key.fingerprint);
    expect(res.body.enabled).toBe(true);

    const second = await admin.put('/v1/admin/integrations/image_generation', { secrets: { runware_api_key: SECOND_SECRET } }).expect(200);
    expect(second.body.secrets).toMatchObject({ api_key: { set: false }, runware_api_key: { set: true } });
    const removed = await admin.put('/v1/admin/integrations/image_generation', { secrets: { runware_api_key: null } }).expect(200);
    expect(removed.body.secrets.runware_api_key).toEqual({ set: false, fingerprint: null, updated_at: null });

    const restored = await admin.put('/v1/admin/integrations/openai', { defaults: { temperature: null } }).expect(200);
    expect(restored.body.defaults.temperature).toBe(0.7);
  });

  it('validates defaults as a whole and refuses credentials outside `secrets`', async () => {
    const cases: Array<[unknown, number, string]> = [
      [{ defaults: { model: 'not-on-the-list' } }, 400, 'INTEGRATION_SETTINGS_INVALID'],
      [{ defaults: { max_tokens: 999999 } }, 400, 'INTEGRATION_SETTINGS_INVALID'],
      [{ defaults: { allowed_models: [{ name: 'tiny', max_tokens: 10 }] } }, 400, 'INTEGRATION_SETTINGS_INVALID'],
      [{ defaults: { colour: 'red' } }, 400, 'INTEGRATION_FIELD_UNKNOWN'],
      [{ defaults: { api_key: PROVIDER_SECRET } }, 400, 'INTEGRATION_SECRET_FORBIDDEN'],
      [{ secrets: { password: PROVIDER_SECRET } }, 400, 'INTEGRATION_FIELD_UNKNOWN'],
      [{ secrets: { api_key: 42 } }, 400, 'INTEGRATION_SETTINGS_INVALID'],
      [{ enabled: 'yes' }, 400, 'INTEGRATION_SETTINGS_INVALID'],
      [{ something: true }, 400, 'INTEGRATION_FIELD_UNKNOWN'],
      [['enabled'], 400, 'INTEGRATION_SETTINGS_INVALID'],
    ];
    for (const [body, status, code] of cases) {
      const res = await admin.put('/v1/admin/integrations/openai', body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status, code });
      expect(res.text).not.toContain(PROVIDER_SECRET);
    }
    await admin.put('/v1/admin/integrations/nope', {}).expect(404).expect((r) => expect(r.body.code).toBe('INTEGRATION_TYPE_NOT_FOUND'));
    const after = (await admin.get('/v1/admin/integrations/openai').expect(200)).body;
    expect(after.defaults).toMatchObject({ model: 'gpt-4o-mini', max_tokens: 1024 });
  });

  it('is for system administrators only', async () => {
    const tenantAdmin = new RecordingClient(t, tenant.admin.token, seen);
    const member = new RecordingClient(t, (await createUser(t, tenant.admin.token, tenant.id)).token, seen);
    for (const caller of [tenantAdmin, member]) {
      await caller.get('/v1/admin/integrations').expect(403).expect((r) => expect(r.body.code).toBe('FORBIDDEN'));
      await caller.get('/v1/admin/integrations/openai').expect(403);
      await caller.put('/v1/admin/integrations/openai', { defaults: { temperature: 2 } }).expect(403);
      await caller.get('/v1/admin/integrations/audit').expect(403);
    }
    await t.http.get('/v1/admin/integrations').expect(401);
    expect((await admin.get('/v1/admin/integrations/openai')).body.defaults.temperature).toBe(0.7);
  });

  it('audits every platform change: who, which fields, old and new values, secrets by fingerprint only', async () => {
    const res = await admin.get('/v1/admin/integrations/audit?type=openai').expect(200);
    const actions = res.body.items.map((r: { action: string }) => r.action);
    expect(actions.every((a: string) => a === 'global_integration_settings.updated')).toBe(true);
    const [restore, temperature, secret] = res.body.items;
    expect(restore.details).toEqual({ integration_type: 'openai', changes: [{ field: 'temperature', old: 0.4, new: 0.7 }], secrets: [] });
    expect(temperature.details.changes).toEqual([{ field: 'temperature', old: 0.7, new: 0.4 }]);
    expect(secret.details.secrets).toEqual([
      { secret: 'api_key', change: 'set', old_fingerprint: null, new_fingerprint: expect.stringMatching(/^sha256:/) },
    ]);
    expect(secret.actor).toEqual({ type: 'user', id: expect.any(String) });
    expect(res.body.items).toHaveLength(3);
    const page = await admin.get('/v1/admin/integrations/audit?limit=1').expect(200);
    expect(page.body.items).toHaveLength(1);
    const next = await admin.get(`/v1/admin/integrations/audit?limit=1&cursor=${page.body.next_cursor}`).expect(200);
    expect(next.body.items[0].id).not.toBe(page.body.items[0].id);
    await admin.get('/v1/admin/integrations/audit?cursor=garbage').expect(400).expect((r) => expect(r.body.code).toBe('INVALID_CURSOR'));
  });

  it('never answered or logged a provider secret', () => {
    for (const secret of [PROVIDER_SECRET, SECOND_SECRET]) {
      expect(seen.filter((text) => text.includes(secret))).toEqual([]);
      expect(t.log.text).not.toContain(secret);
    }
    expect(seen.length).toBeGreaterThan(20);
  });
});
