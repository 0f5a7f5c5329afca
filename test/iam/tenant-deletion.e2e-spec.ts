import { AuthorizationPort, Relationship } from '../../src/platform';
import { TransactionRunner } from '../../src/platform/database/transaction-runner';
import { bearer, createTeam, createTenant, createUser, createWorkspace, loginAsAdmin, startIamApp, TenantFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';

const TENANT_TABLES = ['users', 'sessions', 'workspaces', 'workspace_members', 'teams', 'team_members', 'team_products'];
const RESOURCE_TYPES = ['platform', 'tenant', 'workspace', 'team'];

describe('Deleting a tenant', () => {
  let t: TestApp;
  let systemToken: string;
  let doomed: TenantFixture;
  let kept: TenantFixture;
  let authz: AuthorizationPort;

  const allRelationships = async (): Promise<Relationship[]> =>
    (await Promise.all(RESOURCE_TYPES.map((resourceType) => authz.readRelationships({ resourceType })))).flat();
  const mentions = (r: Relationship, ids: Set<string>) => ids.has(r.resource.id) || ids.has(r.subject.id);

  async function populate(tenant: TenantFixture): Promise<Set<string>> {
    const token = tenant.admin.token;
    const level1 = await createWorkspace(t, token, tenant.id);
    const level2 = await createWorkspace(t, token, tenant.id, level1);
    const level3 = await createWorkspace(t, token, tenant.id, level2);
    const user = await createUser(t, token, tenant.id);
    const team = await createTeam(t, token, tenant.id);
    await t.http.post(`/v1/tenants/${tenant.id}/teams/${team}/members`).set(bearer(token)).send({ user_id: user.id, role: 'admin' }).expect(204);
    await t.http.post(`/v1/tenants/${tenant.id}/workspaces/${level2}/members`).set(bearer(token)).send({ team_id: team, role: 'member' }).expect(204);
    await t.http.post(`/v1/tenants/${tenant.id}/workspaces/${level3}/members`).set(bearer(token)).send({ user_id: user.id, role: 'admin' }).expect(204);
    const product = (await t.http.post('/v1/products').set(bearer(systemToken)).send({ name: `p-${tenant.id}` }).expect(201)).body.id;
    await t.http.post(`/v1/tenants/${tenant.id}/teams/${team}/products`).set(bearer(systemToken)).send({ product_id: product }).expect(201);
    return new Set([tenant.id, tenant.rootWorkspaceId, level1, level2, level3, user.id, tenant.admin.id, team]);
  }

  beforeAll(async () => {
    t = await startIamApp();
    authz = t.app.get(AuthorizationPort);
    systemToken = await loginAsAdmin(t);
    doomed = await createTenant(t, systemToken);
    kept = await createTenant(t, systemToken);
  });
  afterAll(() => t?.close());

  it('removes every row and every relationship of a tenant with a three-level tree, teams and users, and nothing of another', async () => {
    const doomedIds = await populate(doomed);
    const keptIds = await populate(kept);
    const before = await allRelationships();
    expect(before.filter((r) => mentions(r, doomedIds)).length).toBeGreaterThanOrEqual(12);
    const keptBefore = before.filter((r) => mentions(r, keptIds)).length;

    await t.http.delete(`/v1/tenants/${doomed.id}`).set(bearer(systemToken)).expect(204);

    const tx = t.app.get(TransactionRunner);
    for (const table of TENANT_TABLES) {
      const [left] = await tx.asSystem(() => tx.manager.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [doomed.id]));
      const [other] = await tx.asSystem(() => tx.manager.query(`SELECT count(*)::int AS n FROM ${table} WHERE tenant_id = $1`, [kept.id]));
      expect({ table, left: left.n, otherKept: other.n > 0 }).toEqual({ table, left: 0, otherKept: true });
    }
    expect(await tx.asSystem(() => tx.manager.query(`SELECT id FROM tenants WHERE id = $1`, [doomed.id]))).toEqual([]);

    const after = await allRelationships();
    expect(after.filter((r) => mentions(r, doomedIds))).toEqual([]);
    expect(after.filter((r) => mentions(r, keptIds)).length).toBe(keptBefore);
    await t.http.get(`/v1/tenants/${kept.id}/workspaces`).set(bearer(kept.admin.token)).expect(200);
  });
});
