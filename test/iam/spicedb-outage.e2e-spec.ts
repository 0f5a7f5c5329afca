import { AuthorizationPort, Outbox, Relationship } from '../../src/platform';
import { bearer, createTenant, loginAsAdmin, startIamApp, TenantFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';

/**
 * SpiceDB down: writes to it fail (checks keep answering from what it already holds). IAM changes
 * must still commit, and their relationships arrive once it is back: none lost, none doubled.
 */
describe('SpiceDB outage', () => {
  let t: TestApp;
  let authz: AuthorizationPort;
  let systemToken: string;
  let tenant: TenantFixture;
  let down = false;

  beforeAll(async () => {
    t = await startIamApp({ env: { GATEHOUSE_OUTBOX_POLL_MS: '50', GATEHOUSE_OUTBOX_MAX_BACKOFF_MS: '200' } });
    authz = t.app.get(AuthorizationPort);
    const unavailable = () => Promise.reject(new Error('SpiceDB unavailable (injected)'));
    for (const method of ['writeRelationships', 'deleteRelationships'] as const) {
      const real = authz[method].bind(authz) as (...args: unknown[]) => Promise<void>;
      jest.spyOn(authz, method).mockImplementation(((...args: unknown[]) => (down ? unavailable() : real(...args))) as never);
    }
    systemToken = await loginAsAdmin(t);
    tenant = await createTenant(t, systemToken);
  });
  afterAll(() => t?.close());

  const workspaceRelationships = (id: string): Promise<Relationship[]> => authz.readRelationships({ resourceType: 'workspace', resourceId: id });

  async function eventually(probe: () => Promise<boolean>, ms = 20_000): Promise<void> {
    const until = Date.now() + ms;
    while (!(await probe())) {
      if (Date.now() > until) throw new Error('not delivered in time');
      await t.app.get(Outbox).flush();
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  it('commits changes while SpiceDB is down and delivers their relationships exactly once after it recovers', async () => {
    down = true;
    const created = await t.http.post(`/v1/tenants/${tenant.id}/workspaces`).set(bearer(tenant.admin.token)).send({ name: 'during-outage' }).expect(201);
    const id = created.body.id as string;
    // Committed: the row is there even though its relationships are not yet.
    const listed = await t.http.get(`/v1/tenants/${tenant.id}/workspaces`).query({ view: 'tree' }).set(bearer(systemToken));
    expect(listed.status).toBe(200);
    expect(await workspaceRelationships(id)).toEqual([]);

    down = false;
    await eventually(async () => (await workspaceRelationships(id)).length === 2);
    const delivered = await workspaceRelationships(id);
    expect(delivered.map((r) => `${r.relation}@${r.subject.type}:${r.subject.id}`).sort()).toEqual(
      [`parent@workspace:${tenant.rootWorkspaceId}`, `tenant@tenant:${tenant.id}`].sort(),
    );
    await t.http.get(`/v1/tenants/${tenant.id}/workspaces/${id}`).set(bearer(tenant.admin.token)).expect(200);
  });

  it('delivers a removal queued during the outage, so a revoked grant does not linger', async () => {
    const member = (await t.http.post(`/v1/tenants/${tenant.id}/users`).set(bearer(tenant.admin.token)).send({ email: 'outage@example.com', password: 'a-long-enough-password' }).expect(201)).body.id;
    const ws = (await t.http.post(`/v1/tenants/${tenant.id}/workspaces`).set(bearer(tenant.admin.token)).send({ name: 'grant' }).expect(201)).body.id;
    await t.http.post(`/v1/tenants/${tenant.id}/workspaces/${ws}/members`).set(bearer(tenant.admin.token)).send({ user_id: member, role: 'member' }).expect(204);
    const grant = (r: Relationship) => r.relation === 'member' && r.subject.id === member;
    expect((await workspaceRelationships(ws)).filter(grant)).toHaveLength(1);

    down = true;
    await t.http.delete(`/v1/tenants/${tenant.id}/workspaces/${ws}/members/users/${member}`).set(bearer(tenant.admin.token)).expect(204);
    expect((await workspaceRelationships(ws)).filter(grant)).toHaveLength(1);
    down = false;
    await eventually(async () => (await workspaceRelationships(ws)).filter(grant).length === 0);
    expect(await workspaceRelationships(ws)).toHaveLength(2);
  });
});
