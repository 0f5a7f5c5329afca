import { bearer, createTenant, createUser, loginAsAdmin, PASSWORD, startIamApp, TenantFixture, unique, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';

describe('Tenants', () => {
  let t: TestApp;
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let member: UserFixture;

  beforeAll(async () => {
    t = await startIamApp();
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
    member = await createUser(t, a.admin.token, a.id);
  });
  afterAll(() => t?.close());

  it('creates a tenant with its root workspace (named after the tenant) and first admin', async () => {
    const name = unique('acme');
    const res = await t.http
      .post('/v1/tenants')
      .set(bearer(systemToken))
      .send({ name, plan: 'enterprise', admin: { email: `${unique('o')}@acme.example`, password: PASSWORD } })
      .expect(201);
    expect(res.body).toMatchObject({ name, plan: 'enterprise', api_key_policy: {}, settings: {}, admin: { role: 'admin', tenant_id: res.body.id } });
    expect(res.body.root_workspace_id).toEqual(expect.any(String));
    const root = await t.http.get(`/v1/tenants/${res.body.id}/workspaces/${res.body.root_workspace_id}`).set(bearer(systemToken)).expect(200);
    expect(root.body).toMatchObject({ name, is_root: true, parent_workspace_id: null });
    expect(JSON.stringify(res.body)).not.toContain(PASSWORD);
  });

  it('creates a tenant without an admin, plan free by default', async () => {
    const res = await t.http.post('/v1/tenants').set(bearer(systemToken)).send({ name: unique('bare') }).expect(201);
    expect(res.body.plan).toBe('free');
    expect(res.body.admin).toBeUndefined();
  });

  it('refuses a taken name with 409 TENANT_NAME_TAKEN', async () => {
    const res = await t.http.post('/v1/tenants').set(bearer(systemToken)).send({ name: a.name, plan: 'free' }).expect(409);
    expect(res.body.code).toBe('TENANT_NAME_TAKEN');
  });

  it('refuses bad bodies: unknown plan, unknown field, weak admin password', async () => {
    expect((await t.http.post('/v1/tenants').set(bearer(systemToken)).send({ name: 'x', plan: 'gold' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http.post('/v1/tenants').set(bearer(systemToken)).send({ name: 'x', owner: 'me' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const weak = await t.http
      .post('/v1/tenants')
      .set(bearer(systemToken))
      .send({ name: unique('weak'), admin: { email: 'w@example.com', password: 'short' } })
      .expect(400);
    expect(weak.body.code).toBe('WEAK_PASSWORD');
  });

  it('lets only system administrators create and list tenants', async () => {
    expect((await t.http.post('/v1/tenants').set(bearer(a.admin.token)).send({ name: unique('nope') }).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http.post('/v1/tenants').set(bearer(member.token)).send({ name: unique('nope') }).expect(403);
    await t.http.get('/v1/tenants').set(bearer(a.admin.token)).expect(403);
    await t.http.get('/v1/tenants').expect(401);
  });

  it('paginates the list with an opaque cursor, every tenant exactly once', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: Array<{ id: string }>; next_cursor: string | null } } = await t.http
        .get('/v1/tenants')
        .query({ limit: 2, ...(cursor ? { cursor } : {}) })
        .set(bearer(systemToken))
        .expect(200);
      expect(res.body.items.length).toBeLessThanOrEqual(2);
      seen.push(...res.body.items.map((x) => x.id));
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(new Set(seen).size).toBe(seen.length);
    expect(seen).toEqual(expect.arrayContaining([a.id, b.id]));
    const all = await t.http.get('/v1/tenants').query({ limit: 100 }).set(bearer(systemToken)).expect(200);
    expect(all.body.items.map((x: { id: string }) => x.id)).toEqual(seen);
  });

  it('refuses a forged cursor and an out-of-range limit', async () => {
    expect((await t.http.get('/v1/tenants').query({ cursor: 'Zm9yZ2Vk' }).set(bearer(systemToken)).expect(400)).body.code).toBe('INVALID_CURSOR');
    expect((await t.http.get('/v1/tenants').query({ limit: 0 }).set(bearer(systemToken)).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('shows a tenant to its own users and system administrators, 404 to other tenants', async () => {
    expect((await t.http.get(`/v1/tenants/${a.id}`).set(bearer(a.admin.token)).expect(200)).body).toMatchObject({ id: a.id, name: a.name, root_workspace_id: a.rootWorkspaceId });
    await t.http.get(`/v1/tenants/${a.id}`).set(bearer(member.token)).expect(200);
    await t.http.get(`/v1/tenants/${b.id}`).set(bearer(systemToken)).expect(200);
    expect((await t.http.get(`/v1/tenants/${b.id}`).set(bearer(a.admin.token)).expect(404)).body.code).toBe('TENANT_NOT_FOUND');
    expect((await t.http.get(`/v1/tenants/not-a-uuid`).set(bearer(systemToken)).expect(400)).body.code).toBe('INVALID_ID');
    await t.http.get(`/v1/tenants/00000000-0000-4000-8000-000000000000`).set(bearer(systemToken)).expect(404);
  });

  it('updates name and plan (system administrators only)', async () => {
    const c = await createTenant(t, systemToken);
    const name = unique('renamed');
    const res = await t.http.patch(`/v1/tenants/${c.id}`).set(bearer(systemToken)).send({ name, plan: 'enterprise' }).expect(200);
    expect(res.body).toMatchObject({ id: c.id, name, plan: 'enterprise' });
    expect((await t.http.patch(`/v1/tenants/${c.id}`).set(bearer(c.admin.token)).send({ plan: 'free' }).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http.patch(`/v1/tenants/${c.id}`).set(bearer(a.admin.token)).send({ plan: 'free' }).expect(404);
    expect((await t.http.patch(`/v1/tenants/${c.id}`).set(bearer(systemToken)).send({ name: a.name }).expect(409)).body.code).toBe('TENANT_NAME_TAKEN');
  });

  it('protects the default tenant from renaming and deletion', async () => {
    const me = await t.http.get('/v1/me').set(bearer(systemToken)).expect(200);
    const defaultId = me.body.tenant_id;
    expect((await t.http.patch(`/v1/tenants/${defaultId}`).set(bearer(systemToken)).send({ name: unique('x') }).expect(409)).body.code).toBe('DEFAULT_TENANT_PROTECTED');
    expect((await t.http.delete(`/v1/tenants/${defaultId}`).set(bearer(systemToken)).expect(409)).body.code).toBe('DEFAULT_TENANT_PROTECTED');
  });

  it('deletes a tenant (system administrators only); its users can no longer sign in', async () => {
    const c = await createTenant(t, systemToken);
    await t.http.delete(`/v1/tenants/${c.id}`).set(bearer(c.admin.token)).expect(403);
    await t.http.delete(`/v1/tenants/${c.id}`).set(bearer(a.admin.token)).expect(404);
    await t.http.delete(`/v1/tenants/${c.id}`).set(bearer(systemToken)).expect(204);
    await t.http.get(`/v1/tenants/${c.id}`).set(bearer(systemToken)).expect(404);
    await t.http.get('/v1/me').set(bearer(c.admin.token)).expect(401);
    await t.http.post('/v1/auth/login').send({ email: c.admin.email, password: PASSWORD }).expect(401);
    await t.http.delete(`/v1/tenants/${c.id}`).set(bearer(systemToken)).expect(404);
  });
});

describe('Tenants with GATEHOUSE_DEFAULT_WORKSPACE_NAME', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startIamApp({ env: { GATEHOUSE_DEFAULT_WORKSPACE_NAME: 'Everything' } });
  });
  afterAll(() => t?.close());

  it('names every new root workspace by the setting', async () => {
    const token = await loginAsAdmin(t);
    const res = await t.http.post('/v1/tenants').set(bearer(token)).send({ name: unique('named') }).expect(201);
    const root = await t.http.get(`/v1/tenants/${res.body.id}/workspaces/${res.body.root_workspace_id}`).set(bearer(token)).expect(200);
    expect(root.body.name).toBe('Everything');
  });
});
