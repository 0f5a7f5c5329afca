import { randomBytes } from 'node:crypto';
import { TransactionRunner } from '../../src/platform/database/transaction-runner';
import { createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture } from '../support/iam-fixtures';
import type { TestApp } from '../support/test-app';
import { RecordingClient } from './recording-client';

const PROVIDER_SECRET = `sk-platform-${randomBytes(12).toString('hex')}`;
/** What a tenant tries to slip in; it must never be stored, answered or logged. */
const TENANT_SECRET = `sk-tenant-${randomBytes(12).toString('hex')}`;

describe('Tenant integration settings', () => {
  let t: TestApp;
  let system: RecordingClient;
  let acme: TenantFixture;
  let acmeAdmin: RecordingClient;
  const seen: string[] = [];
  const url = (tenant: TenantFixture, type = 'openai') => `/v1/tenants/${tenant.id}/integrations/${type}`;
  const overrideRows = (tenantId: string) =>
    t.dataSource.query(`SELECT integration_type, config FROM integration_settings WHERE tenant_id = $1 ORDER BY integration_type`, [tenantId]);

  beforeAll(async () => {
    t = await startIamApp();
    const systemToken = await loginAsAdmin(t);
    system = new RecordingClient(t, systemToken, seen);
    await system.put('/v1/admin/integrations/openai', { secrets: { api_key: PROVIDER_SECRET } }).expect(200);
    acme = await createTenant(t, systemToken, { plan: 'pro' });
    acmeAdmin = new RecordingClient(t, acme.admin.token, seen);
  });
  afterAll(() => t?.close());

  it('gives a new tenant the platform defaults, and says nothing about secrets', async () => {
    const res = await acmeAdmin.get(`/v1/tenants/${acme.id}/integrations`).expect(200);
    expect(res.body.items).toHaveLength(2);
    const [openai, image] = res.body.items;
    expect(openai).toMatchObject({
      integration_type: 'openai',
      enabled: true,
      settings: { model: 'gpt-4o-mini', temperature: 0.7, max_tokens: 1024 },
      using_global: true,
      overridden_fields: [],
      overridable_fields: ['model', 'temperature', 'max_tokens'],
      overrides_allowed: true,
    });
    expect(image).toMatchObject({ integration_type: 'image_generation', using_global: true, settings: { service: 'openai', model: 'dall-e-3' } });
    expect(res.text).not.toMatch(/api_key|secret|fingerprint|"set"/i);
    const one = await acmeAdmin.get(url(acme)).expect(200);
    expect(one.body).toEqual(openai);
  });

  it('overrides, merges partial overrides, clears one field with null, and resets', async () => {
    const first = await acmeAdmin.put(url(acme), { model: 'gpt-4o', temperature: 0.2 }).expect(200);
    expect(first.body).toMatchObject({
      settings: { model: 'gpt-4o', temperature: 0.2, max_tokens: 1024 },
      using_global: false,
      overridden_fields: ['model', 'temperature'],
    });

    const merged = await acmeAdmin.put(url(acme), { max_tokens: 4000 }).expect(200);
    expect(merged.body.settings).toMatchObject({ model: 'gpt-4o', temperature: 0.2, max_tokens: 4000 });
    expect(merged.body.overridden_fields).toEqual(['model', 'temperature', 'max_tokens']);
    expect(await overrideRows(acme.id)).toEqual([{ integration_type: 'openai', config: { model: 'gpt-4o', temperature: 0.2, max_tokens: 4000 } }]);

    const cleared = await acmeAdmin.put(url(acme), { temperature: null }).expect(200);
    expect(cleared.body.settings.temperature).toBe(0.7);
    expect(cleared.body.overridden_fields).toEqual(['model', 'max_tokens']);

    const reset = await acmeAdmin.delete(url(acme)).expect(200);
    expect(reset.body).toMatchObject({ using_global: true, overridden_fields: [], settings: { model: 'gpt-4o-mini', temperature: 0.7, max_tokens: 1024 } });
    expect(await overrideRows(acme.id)).toEqual([]);
    await acmeAdmin.get(url(acme)).expect(200).expect((r) => expect(r.body.using_global).toBe(true));
  });

  it('clearing the last override removes the row', async () => {
    await acmeAdmin.put(url(acme, 'image_generation'), { image_quality: 'hd', sizes: ['1024x1024', '1792x1024'] }).expect(200);
    const res = await acmeAdmin.put(url(acme, 'image_generation'), { image_quality: null, sizes: null }).expect(200);
    expect(res.body.using_global).toBe(true);
    expect(await overrideRows(acme.id)).toEqual([]);
  });

  it('refuses a secret-like field at any depth: 400, nothing stored, the value neither answered nor logged', async () => {
    await acmeAdmin.put(url(acme), { temperature: 0.3 }).expect(200);
    const before = await overrideRows(acme.id);
    const bodies = [
      { api_key: TENANT_SECRET },
      { apiKey: TENANT_SECRET },
      { openai_api_key: TENANT_SECRET },
      { secret: TENANT_SECRET },
      { token: TENANT_SECRET },
      { password: TENANT_SECRET },
      { model: 'gpt-4o', extra: { deeper: [{ accessToken: TENANT_SECRET }] } },
      { temperature: 1, nested: { credentials: { user: 'u', pass: TENANT_SECRET } } },
      { privateKey: TENANT_SECRET, unknown_field: 1 },
    ];
    for (const body of bodies) {
      const res = await acmeAdmin.put(url(acme), body).expect(400);
      expect(res.body.code).toBe('INTEGRATION_SECRET_FORBIDDEN');
      expect(res.text).not.toContain(TENANT_SECRET);
    }
    // The same on a free tenant's route and on a type it may not even use: the secret check comes first.
    await acmeAdmin.put(url(acme, 'image_generation'), { service: 'runware', runware_api_key: TENANT_SECRET }).expect(400);
    expect(await overrideRows(acme.id)).toEqual(before);
    const stored = await t.dataSource.query(
      `SELECT count(*)::int AS n FROM (SELECT to_jsonb(s)::text AS t FROM integration_settings s UNION ALL SELECT to_jsonb(a)::text FROM audit_log a) x
       WHERE t LIKE '%' || $1 || '%'`,
      [TENANT_SECRET],
    );
    expect(stored[0].n).toBe(0);
    expect(t.log.text).not.toContain(TENANT_SECRET);
  });

  it('refuses unknown fields, platform-only fields and invalid values; an unknown type is a 404', async () => {
    const refusals: Array<[unknown, string]> = [
      [{ colour: 'blue' }, 'INTEGRATION_FIELD_UNKNOWN'],
      [{ allowed_models: [{ name: 'mine', max_tokens: 1 }] }, 'INTEGRATION_FIELD_UNKNOWN'],
      [{ enabled: false }, 'INTEGRATION_FIELD_UNKNOWN'],
      [{ model: 'gpt-9-unlisted' }, 'INTEGRATION_SETTINGS_INVALID'],
      [{ temperature: 3 }, 'INTEGRATION_SETTINGS_INVALID'],
      [{ max_tokens: 100000 }, 'INTEGRATION_SETTINGS_INVALID'],
      [['model'], 'INTEGRATION_SETTINGS_INVALID'],
    ];
    for (const [body, code] of refusals) {
      const res = await acmeAdmin.put(url(acme), body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code });
    }
    const sizes = await acmeAdmin.put(url(acme, 'image_generation'), { sizes: ['4096x4096'] }).expect(400);
    expect(sizes.body.details.fields).toEqual([{ field: 'sizes', problems: [expect.stringContaining('1024x1024')] }]);
    await acmeAdmin.get(url(acme, 'midjourney')).expect(404).expect((r) => expect(r.body.code).toBe('INTEGRATION_TYPE_NOT_FOUND'));
    await acmeAdmin.put(url(acme, 'midjourney'), { model: 'x' }).expect(404);
    await acmeAdmin.get(`/v1/tenants/not-a-uuid/integrations`).expect(400).expect((r) => expect(r.body.code).toBe('INVALID_ID'));
  });

  it('refuses overrides on the free plan in the service: 403, nothing stored; reading and resetting still work', async () => {
    const free = await createTenant(t, await loginAsAdmin(t), { plan: 'free' });
    const freeAdmin = new RecordingClient(t, free.admin.token, seen);
    const res = await freeAdmin.put(url(free), { temperature: 1 }).expect(403);
    expect(res.body).toMatchObject({ code: 'PLAN_FORBIDS_OVERRIDES', details: { plan: 'free' } });
    // A system administrator acting on the tenant is refused too: the rule is the tenant's plan.
    await system.put(url(free), { temperature: 1 }).expect(403).expect((r) => expect(r.body.code).toBe('PLAN_FORBIDS_OVERRIDES'));
    expect(await overrideRows(free.id)).toEqual([]);
    const view = await freeAdmin.get(url(free)).expect(200);
    expect(view.body).toMatchObject({ overrides_allowed: false, using_global: true, settings: { temperature: 0.7 } });
    await freeAdmin.delete(url(free)).expect(200);
  });

  it('stops applying overrides when a tenant moves to the free plan, and applies them again on an upgrade', async () => {
    const systemToken = await loginAsAdmin(t);
    const moving = await createTenant(t, systemToken, { plan: 'pro' });
    const client = new RecordingClient(t, moving.admin.token, seen);
    await client.put(url(moving), { temperature: 1.9 }).expect(200);
    await t.http.patch(`/v1/tenants/${moving.id}`).set({ authorization: `Bearer ${systemToken}` }).send({ plan: 'free' }).expect(200);
    const downgraded = await client.get(url(moving)).expect(200);
    expect(downgraded.body).toMatchObject({ using_global: true, ignored_overrides: ['temperature'], settings: { temperature: 0.7 } });
    await t.http.patch(`/v1/tenants/${moving.id}`).set({ authorization: `Bearer ${systemToken}` }).send({ plan: 'enterprise' }).expect(200);
    expect((await client.get(url(moving)).expect(200)).body.settings.temperature).toBe(1.9);
  });

  it('lets a changed platform default reach tenants without an override of that field only', async () => {
    const systemToken = await loginAsAdmin(t);
    const withOverride = await createTenant(t, systemToken);
    const without = await createTenant(t, systemToken);
    const a = new RecordingClient(t, withOverride.admin.token, seen);
    const b = new RecordingClient(t, without.admin.token, seen);
    await a.put(url(withOverride), { temperature: 0.1 }).expect(200);

    await system.put('/v1/admin/integrations/openai', { defaults: { temperature: 1.3, max_tokens: 777 } }).expect(200);

    expect((await a.get(url(withOverride)).expect(200)).body.settings).toMatchObject({ temperature: 0.1, max_tokens: 777 });
    expect((await b.get(url(without)).expect(200)).body.settings).toMatchObject({ temperature: 1.3, max_tokens: 777 });
    await system.put('/v1/admin/integrations/openai', { defaults: { temperature: null, max_tokens: null } }).expect(200);
    expect((await b.get(url(without)).expect(200)).body.settings).toMatchObject({ temperature: 0.7, max_tokens: 1024 });
  });

  it('ignores an override the platform has since taken off its allow-list', async () => {
    const tenant = await createTenant(t, await loginAsAdmin(t));
    const client = new RecordingClient(t, tenant.admin.token, seen);
    await client.put(url(tenant), { model: 'gpt-4.1-mini', max_tokens: 30000 }).expect(200);
    const allowed = [{ name: 'gpt-4o-mini', max_tokens: 16384 }, { name: 'gpt-4o', max_tokens: 16384 }];
    const original = (await system.get('/v1/admin/integrations/openai').expect(200)).body.defaults.allowed_models;
    await system.put('/v1/admin/integrations/openai', { defaults: { allowed_models: allowed } }).expect(200);
    const view = await client.get(url(tenant)).expect(200);
    expect(view.body).toMatchObject({ settings: { model: 'gpt-4o-mini', max_tokens: 1024 }, ignored_overrides: ['model', 'max_tokens'], using_global: true });
    await system.put('/v1/admin/integrations/openai', { defaults: { allowed_models: original } }).expect(200);
    expect((await client.get(url(tenant)).expect(200)).body.settings).toMatchObject({ model: 'gpt-4.1-mini', max_tokens: 30000 });
  });

  it('lets members read, and only admins change, test or read the audit', async () => {
    const member = new RecordingClient(t, (await createUser(t, acme.admin.token, acme.id)).token, seen);
    await member.get(`/v1/tenants/${acme.id}/integrations`).expect(200);
    await member.get(url(acme)).expect(200);
    for (const response of [
      await member.put(url(acme), { temperature: 1 }),
      await member.delete(url(acme)),
      await member.post(`${url(acme)}/test`),
      await member.get(`/v1/tenants/${acme.id}/integrations/audit`),
    ]) {
      expect({ status: response.status, code: response.body.code }).toEqual({ status: 403, code: 'FORBIDDEN' });
    }
    await t.http.get(url(acme)).expect(401);
  });

  it('keeps tenants apart: every route of another tenant is a 404, and its rows stay as they were', async () => {
    const systemToken = await loginAsAdmin(t);
    const other = await createTenant(t, systemToken);
    const otherAdmin = new RecordingClient(t, other.admin.token, seen);
    await otherAdmin.put(url(other), { model: 'gpt-4o' }).expect(200);
    const rowsBefore = await overrideRows(other.id);

    const attempts = [
      await acmeAdmin.get(`/v1/tenants/${other.id}/integrations`),
      await acmeAdmin.get(url(other)),
      await acmeAdmin.put(url(other), { temperature: 1 }),
      await acmeAdmin.delete(url(other)),
      await acmeAdmin.post(`${url(other)}/test`),
      await acmeAdmin.get(`/v1/tenants/${other.id}/integrations/audit`),
      await acmeAdmin.get(`${url(other)}/resolve`),
    ];
    for (const res of attempts) expect({ status: res.status, code: res.body.code }).toEqual({ status: 404, code: 'TENANT_NOT_FOUND' });
    expect(await overrideRows(other.id)).toEqual(rowsBefore);

    // Row-level security alone hides the other tenant's rows from a unit of work of this one.
    const tx = t.app.get(TransactionRunner);
    const visible = await tx.inTenant(acme.id, () => tx.manager.query(`SELECT tenant_id FROM integration_settings`));
    expect(visible.every((r: { tenant_id: string }) => r.tenant_id === acme.id)).toBe(true);
    const audit = await tx.inTenant(acme.id, () => tx.manager.query(`SELECT tenant_id FROM audit_log WHERE tenant_id = $1`, [other.id]));
    expect(audit).toEqual([]);
    // A system administrator may act on any tenant; a missing one is a 404.
    await system.get(url(other)).expect(200).expect((r) => expect(r.body.settings.model).toBe('gpt-4o'));
    await system.get(`/v1/tenants/00000000-0000-4000-8000-000000000000/integrations`).expect(404);
  });

  it('audits every change for the tenant admins: who, when, which fields, old and new values', async () => {
    const tenant = await createTenant(t, await loginAsAdmin(t));
    const client = new RecordingClient(t, tenant.admin.token, seen);
    await client.put(url(tenant), { model: 'gpt-4o', temperature: 0.5 }).expect(200);
    await client.put(url(tenant), { temperature: 0.6 }).expect(200);
    await client.put(url(tenant), { temperature: 0.6 }).expect(200); // no change, no record
    await client.put(url(tenant), { api_key: TENANT_SECRET }).expect(400); // refused, no record
    await system.put(url(tenant, 'image_generation'), { image_quality: 'hd' }).expect(200);
    await client.delete(url(tenant)).expect(200);

    const res = await client.get(`/v1/tenants/${tenant.id}/integrations/audit`).expect(200);
    const items = res.body.items;
    expect(items.map((i: { action: string; resource_id: string }) => `${i.action} ${i.resource_id}`)).toEqual([
      'integration_settings.reset openai',
      'integration_settings.updated image_generation',
      'integration_settings.updated openai',
      'integration_settings.updated openai',
    ]);
    expect(items[3]).toMatchObject({
      tenant_id: tenant.id,
      actor: { type: 'user', id: tenant.admin.id },
      resource_type: 'integration_settings',
      details: {
        integration_type: 'openai',
        changes: [
          { field: 'model', old: null, new: 'gpt-4o' },
          { field: 'temperature', old: null, new: 0.5 },
        ],
      },
      created_at: expect.any(String),
      client_address: expect.any(String),
    });
    expect(items[2].details.changes).toEqual([{ field: 'temperature', old: 0.5, new: 0.6 }]);
    expect(items[1].actor.id).not.toBe(tenant.admin.id);
    expect(items[0].details.changes).toEqual([
      { field: 'model', old: 'gpt-4o', new: null },
      { field: 'temperature', old: 0.6, new: null },
    ]);
    const filtered = await client.get(`/v1/tenants/${tenant.id}/integrations/audit?type=image_generation`).expect(200);
    expect(filtered.body.items).toHaveLength(1);
    const page = await client.get(`/v1/tenants/${tenant.id}/integrations/audit?limit=3`).expect(200);
    expect(page.body.items).toHaveLength(3);
    const rest = await client.get(`/v1/tenants/${tenant.id}/integrations/audit?limit=3&cursor=${page.body.next_cursor}`).expect(200);
    expect(rest.body).toMatchObject({ items: [expect.objectContaining({ id: items[3].id })], next_cursor: null });
    // Platform changes are not the tenant's records.
    expect(JSON.stringify(items)).not.toContain('global_integration_settings');
  });

  it('never answered or logged a provider secret or a refused tenant secret', () => {
    expect(seen.length).toBeGreaterThan(50);
    for (const secret of [PROVIDER_SECRET, TENANT_SECRET]) {
      expect(seen.filter((text) => text.includes(secret))).toEqual([]);
      expect(t.log.text).not.toContain(secret);
    }
  });
});
