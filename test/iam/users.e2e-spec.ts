import { bearer, createTenant, createUser, login, loginAsAdmin, PASSWORD, startIamApp, TenantFixture, unique, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';

describe('Users of a tenant', () => {
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

  const users = (tenantId: string) => `/v1/tenants/${tenantId}/users`;

  it('lets a tenant admin create a user, who can then sign in; never returns the password', async () => {
    const email = `${unique('new')}@example.com`;
    const res = await t.http.post(users(a.id)).set(bearer(a.admin.token)).send({ email, password: PASSWORD, role: 'member' }).expect(201);
    expect(res.body).toMatchObject({ email, role: 'member', tenant_id: a.id, is_system_admin: false, disabled: false, disabled_at: null });
    expect(res.body.password).toBeUndefined();
    expect(res.body.password_hash).toBeUndefined();
    await login(t, email, PASSWORD);
  });

  it('lets a system administrator create users in any tenant', async () => {
    await t.http.post(users(b.id)).set(bearer(systemToken)).send({ email: `${unique('sys')}@example.com`, password: PASSWORD }).expect(201);
  });

  it('refuses members (403) and other tenants (404)', async () => {
    const body = { email: `${unique('x')}@example.com`, password: PASSWORD };
    expect((await t.http.post(users(a.id)).set(bearer(member.token)).send(body).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.post(users(a.id)).set(bearer(b.admin.token)).send(body).expect(404)).body.code).toBe('TENANT_NOT_FOUND');
    await t.http.get(users(a.id)).set(bearer(member.token)).expect(403);
    await t.http.get(users(a.id)).set(bearer(b.admin.token)).expect(404);
  });

  it('keeps emails unique per tenant, case-insensitively (409 EMAIL_TAKEN), but not across tenants', async () => {
    const res = await t.http.post(users(a.id)).set(bearer(a.admin.token)).send({ email: member.email.toUpperCase(), password: PASSWORD }).expect(409);
    expect(res.body.code).toBe('EMAIL_TAKEN');
    await t.http.post(users(b.id)).set(bearer(b.admin.token)).send({ email: member.email, password: PASSWORD }).expect(201);
  });

  it('refuses a short password (WEAK_PASSWORD) and a bad role or email (VALIDATION_FAILED)', async () => {
    expect((await t.http.post(users(a.id)).set(bearer(a.admin.token)).send({ email: 'p@example.com', password: 'short' }).expect(400)).body.code).toBe('WEAK_PASSWORD');
    expect((await t.http.post(users(a.id)).set(bearer(a.admin.token)).send({ email: 'p@example.com', password: PASSWORD, role: 'owner' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http.post(users(a.id)).set(bearer(a.admin.token)).send({ email: 'nope', password: PASSWORD }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('lists the tenant users in pages, only that tenant', async () => {
    const c = await createTenant(t, systemToken);
    for (let i = 0; i < 4; i++) await createUser(t, c.admin.token, c.id);
    const first = await t.http.get(users(c.id)).query({ limit: 3 }).set(bearer(c.admin.token)).expect(200);
    expect(first.body.items).toHaveLength(3);
    expect(first.body.next_cursor).toEqual(expect.any(String));
    const second = await t.http.get(users(c.id)).query({ limit: 3, cursor: first.body.next_cursor }).set(bearer(c.admin.token)).expect(200);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.next_cursor).toBeNull();
    const all = [...first.body.items, ...second.body.items];
    expect(new Set(all.map((u: { id: string }) => u.id)).size).toBe(5);
    for (const u of all) expect(u.tenant_id).toBe(c.id);
  });

  it('shows a user to itself and to tenant admins', async () => {
    await t.http.get(`${users(a.id)}/${member.id}`).set(bearer(member.token)).expect(200);
    await t.http.get(`${users(a.id)}/${member.id}`).set(bearer(a.admin.token)).expect(200);
    await t.http.get(`${users(a.id)}/${a.admin.id}`).set(bearer(member.token)).expect(403);
    expect((await t.http.get(`${users(a.id)}/${b.admin.id}`).set(bearer(a.admin.token)).expect(404)).body.code).toBe('USER_NOT_FOUND');
  });

  it('promotes a member to admin, who can then manage users', async () => {
    const u = await createUser(t, a.admin.token, a.id);
    await t.http.post(users(a.id)).set(bearer(u.token)).send({ email: `${unique('z')}@example.com`, password: PASSWORD }).expect(403);
    const res = await t.http.patch(`${users(a.id)}/${u.id}`).set(bearer(a.admin.token)).send({ role: 'admin' }).expect(200);
    expect(res.body.role).toBe('admin');
    await t.http.post(users(a.id)).set(bearer(u.token)).send({ email: `${unique('z')}@example.com`, password: PASSWORD }).expect(201);
    await t.http.patch(`${users(a.id)}/${u.id}`).set(bearer(a.admin.token)).send({ role: 'member' }).expect(200);
    await t.http.post(users(a.id)).set(bearer(u.token)).send({ email: `${unique('z')}@example.com`, password: PASSWORD }).expect(403);
  });

  it('disables a user: its sessions end and it cannot sign in; enabling lets it back', async () => {
    const u = await createUser(t, a.admin.token, a.id);
    const res = await t.http.patch(`${users(a.id)}/${u.id}`).set(bearer(a.admin.token)).send({ disabled: true }).expect(200);
    expect(res.body.disabled).toBe(true);
    await t.http.get('/v1/me').set(bearer(u.token)).expect(401);
    await t.http.post('/v1/auth/login').send({ email: u.email, password: PASSWORD }).expect(401);
    await t.http.patch(`${users(a.id)}/${u.id}`).set(bearer(a.admin.token)).send({ disabled: false }).expect(200);
    await login(t, u.email, PASSWORD);
  });

  it('refuses changing oneself (409), members (403), unknown users (404), other tenants (404)', async () => {
    expect((await t.http.patch(`${users(a.id)}/${a.admin.id}`).set(bearer(a.admin.token)).send({ disabled: true }).expect(409)).body.code).toBe('CANNOT_CHANGE_SELF');
    await t.http.patch(`${users(a.id)}/${a.admin.id}`).set(bearer(member.token)).send({ role: 'member' }).expect(403);
    await t.http.patch(`${users(a.id)}/00000000-0000-4000-8000-000000000000`).set(bearer(a.admin.token)).send({ role: 'admin' }).expect(404);
    await t.http.patch(`${users(b.id)}/${b.admin.id}`).set(bearer(a.admin.token)).send({ role: 'member' }).expect(404);
  });
});
