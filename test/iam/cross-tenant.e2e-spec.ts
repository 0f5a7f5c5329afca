import { TransactionRunner } from '../../src/platform/database/transaction-runner';
import { bearer, createTeam, createTenant, createUser, createWorkspace, loginAsAdmin, startIamApp, TenantFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';

const TENANT_TABLES = ['users', 'sessions', 'workspaces', 'workspace_members', 'teams', 'team_members', 'team_products'];

describe('Cross-tenant isolation', () => {
  let t: TestApp;
  let a: TenantFixture;
  let b: TenantFixture;
  let bWorkspace: string;
  let bTeam: string;
  let bUser: string;
  let product: string;

  beforeAll(async () => {
    t = await startIamApp();
    const systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
    bWorkspace = await createWorkspace(t, b.admin.token, b.id);
    bTeam = await createTeam(t, b.admin.token, b.id);
    bUser = (await createUser(t, b.admin.token, b.id)).id;
    await t.http.post(`/v1/tenants/${b.id}/teams/${bTeam}/members`).set(bearer(b.admin.token)).send({ user_id: bUser, role: 'member' }).expect(204);
    await t.http.post(`/v1/tenants/${b.id}/workspaces/${bWorkspace}/members`).set(bearer(b.admin.token)).send({ team_id: bTeam, role: 'member' }).expect(204);
    product = (await t.http.post('/v1/products').set(bearer(systemToken)).send({ name: 'Isolation' }).expect(201)).body.id;
    await t.http.post(`/v1/tenants/${b.id}/teams/${bTeam}/products`).set(bearer(systemToken)).send({ product_id: product }).expect(201);
    // Tenant A has rows of every kind too, so "no rows" below is not trivially true.
    const aWorkspace = await createWorkspace(t, a.admin.token, a.id);
    const aTeam = await createTeam(t, a.admin.token, a.id);
    await t.http.post(`/v1/tenants/${a.id}/teams/${aTeam}/members`).set(bearer(a.admin.token)).send({ user_id: a.admin.id, role: 'admin' }).expect(204);
    await t.http.post(`/v1/tenants/${a.id}/workspaces/${aWorkspace}/members`).set(bearer(a.admin.token)).send({ team_id: aTeam, role: 'member' }).expect(204);
    await t.http.post(`/v1/tenants/${a.id}/teams/${aTeam}/products`).set(bearer(systemToken)).send({ product_id: product }).expect(201);
  });
  afterAll(() => t?.close());

  it("answers 404 to tenant A's admin on every route of tenant B", async () => {
    const tb = `/v1/tenants/${b.id}`;
    const routes: Array<[string, string, object?]> = [
      ['get', tb],
      ['patch', tb, { plan: 'free' }],
      ['delete', tb],
      ['post', `${tb}/users`, { email: 'x@example.com', password: 'a-long-enough-password' }],
      ['get', `${tb}/users`],
      ['get', `${tb}/users/${bUser}`],
      ['patch', `${tb}/users/${bUser}`, { role: 'admin' }],
      ['post', `${tb}/workspaces`, { name: 'x' }],
      ['get', `${tb}/workspaces`],
      ['get', `${tb}/workspaces/${bWorkspace}`],
      ['patch', `${tb}/workspaces/${bWorkspace}`, { name: 'x' }],
      ['delete', `${tb}/workspaces/${bWorkspace}`],
      ['get', `${tb}/workspaces/${bWorkspace}/members`],
      ['post', `${tb}/workspaces/${bWorkspace}/members`, { user_id: bUser, role: 'admin' }],
      ['delete', `${tb}/workspaces/${bWorkspace}/members/teams/${bTeam}`],
      ['delete', `${tb}/workspaces/${bWorkspace}/members/users/${bUser}`],
      ['post', `${tb}/teams`, { name: 'x' }],
      ['get', `${tb}/teams`],
      ['get', `${tb}/teams/${bTeam}`],
      ['patch', `${tb}/teams/${bTeam}`, { name: 'x' }],
      ['delete', `${tb}/teams/${bTeam}`],
      ['get', `${tb}/teams/${bTeam}/members`],
      ['post', `${tb}/teams/${bTeam}/members`, { user_id: bUser, role: 'admin' }],
      ['delete', `${tb}/teams/${bTeam}/members/${bUser}`],
      ['post', `${tb}/teams/${bTeam}/products`, { product_id: product }],
      ['delete', `${tb}/teams/${bTeam}/products/${product}`],
    ];
    for (const [method, path, body] of routes) {
      const call = (t.http as unknown as Record<string, (p: string) => import('supertest').Test>)[method](path).set(bearer(a.admin.token));
      const res = await (body ? call.send(body) : call);
      expect({ route: `${method.toUpperCase()} ${path}`, status: res.status, code: res.body.code }).toEqual({
        route: `${method.toUpperCase()} ${path}`,
        status: 404,
        code: 'TENANT_NOT_FOUND',
      });
    }
    // B is untouched.
    await t.http.get(`${tb}/workspaces/${bWorkspace}`).set(bearer(b.admin.token)).expect(200);
    await t.http.get(`${tb}/teams/${bTeam}/members`).set(bearer(b.admin.token)).expect(200);
  });

  it("answers 404 when B's ids are used under A's own routes", async () => {
    const ta = `/v1/tenants/${a.id}`;
    expect((await t.http.get(`${ta}/workspaces/${bWorkspace}`).set(bearer(a.admin.token)).expect(404)).body.code).toBe('WORKSPACE_NOT_FOUND');
    expect((await t.http.get(`${ta}/teams/${bTeam}`).set(bearer(a.admin.token)).expect(404)).body.code).toBe('TEAM_NOT_FOUND');
    expect((await t.http.get(`${ta}/users/${bUser}`).set(bearer(a.admin.token)).expect(404)).body.code).toBe('USER_NOT_FOUND');
    await t.http.delete(`${ta}/workspaces/${b.rootWorkspaceId}`).set(bearer(a.admin.token)).expect(404);
    await t.http.patch(`${ta}/users/${bUser}`).set(bearer(a.admin.token)).send({ disabled: true }).expect(404);
    await t.http.post(`${ta}/teams/${bTeam}/members`).set(bearer(a.admin.token)).send({ user_id: a.admin.id, role: 'admin' }).expect(404);
  });

  it("hides B's rows from a unit of work of tenant A by row-level security alone", async () => {
    const tx = t.app.get(TransactionRunner);
    for (const table of TENANT_TABLES) {
      const [fromA] = await tx.inTenant(a.id, () => tx.manager.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [b.id]));
      const [fromB] = await tx.inTenant(b.id, () => tx.manager.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [b.id]));
      const [ownA] = await tx.inTenant(a.id, () => tx.manager.query(`SELECT count(*)::int AS n, count(*) FILTER (WHERE tenant_id <> $1)::int AS foreign FROM ${table}`, [a.id]));
      expect({ table, fromA: fromA.n, bHasRows: fromB.n > 0, aHasRows: ownA.n > 0, foreignSeenByA: ownA.foreign }).toEqual({
        table,
        fromA: 0,
        bHasRows: true,
        aHasRows: true,
        foreignSeenByA: 0,
      });
    }
    const tenants = await tx.inTenant(a.id, () => tx.manager.query(`SELECT id FROM tenants`));
    expect(tenants).toEqual([{ id: a.id }]);
    const updated = await tx.inTenant(a.id, () => tx.manager.query(`UPDATE workspaces SET name = 'pwned' WHERE tenant_id = $1`, [b.id]));
    expect(updated[1]).toBe(0);
    await expect(
      tx.inTenant(a.id, () => tx.manager.query(`INSERT INTO teams (tenant_id, name) VALUES ($1, 'smuggled')`, [b.id])),
    ).rejects.toThrow(/row-level security/);
  });
});
