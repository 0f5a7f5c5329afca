import { TransactionRunner } from '../../src/platform/database/transaction-runner';
import { bearer, createTeam, createTenant, createUser, createWorkspace, loginAsAdmin, startIamApp, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';

describe('Workspaces', () => {
  let t: TestApp;
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let member: UserFixture;
  const ws = (tenantId: string, id = '') => `/v1/tenants/${tenantId}/workspaces${id ? `/${id}` : ''}`;

  beforeAll(async () => {
    t = await startIamApp();
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
    member = await createUser(t, a.admin.token, a.id);
  });
  afterAll(() => t?.close());

  it('creates under the root by default, or under a given parent', async () => {
    const res = await t.http.post(ws(a.id)).set(bearer(a.admin.token)).send({ name: 'Engineering' }).expect(201);
    expect(res.body).toMatchObject({ name: 'Engineering', tenant_id: a.id, parent_workspace_id: a.rootWorkspaceId, is_root: false });
    const child = await t.http.post(ws(a.id)).set(bearer(a.admin.token)).send({ name: 'Platform', parent_workspace_id: res.body.id }).expect(201);
    expect(child.body.parent_workspace_id).toBe(res.body.id);
    await t.http.get(ws(a.id, child.body.id)).set(bearer(a.admin.token)).expect(200);
  });

  it('refuses a parent of another tenant (404) and a bad body (400)', async () => {
    expect((await t.http.post(ws(a.id)).set(bearer(a.admin.token)).send({ name: 'x', parent_workspace_id: b.rootWorkspaceId }).expect(404)).body.code).toBe('WORKSPACE_NOT_FOUND');
    expect((await t.http.post(ws(a.id)).set(bearer(a.admin.token)).send({ name: '' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http.post(ws(a.id)).set(bearer(a.admin.token)).send({ name: 'x', parent_workspace_id: 'nope' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('lists flat with pagination, and as a tree', async () => {
    const c = await createTenant(t, systemToken);
    const w1 = await createWorkspace(t, c.admin.token, c.id);
    const w2 = await createWorkspace(t, c.admin.token, c.id, w1);
    const w3 = await createWorkspace(t, c.admin.token, c.id, w2);
    const first = await t.http.get(ws(c.id)).query({ limit: 2 }).set(bearer(c.admin.token)).expect(200);
    const second = await t.http.get(ws(c.id)).query({ limit: 2, cursor: first.body.next_cursor }).set(bearer(c.admin.token)).expect(200);
    expect(second.body.next_cursor).toBeNull();
    const ids = [...first.body.items, ...second.body.items].map((w: { id: string }) => w.id);
    expect(ids).toEqual([c.rootWorkspaceId, w1, w2, w3]);
    const tree = await t.http.get(ws(c.id)).query({ view: 'tree' }).set(bearer(c.admin.token)).expect(200);
    expect(tree.body.items).toHaveLength(1);
    expect(tree.body.items[0].id).toBe(c.rootWorkspaceId);
    expect(tree.body.items[0].children[0].id).toBe(w1);
    expect(tree.body.items[0].children[0].children[0].children[0].id).toBe(w3);
    expect((await t.http.get(ws(c.id)).query({ view: 'graph' }).set(bearer(c.admin.token)).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('renames and moves; never into its own subtree (409 WORKSPACE_CYCLE), never the root', async () => {
    const top = await createWorkspace(t, a.admin.token, a.id);
    const mid = await createWorkspace(t, a.admin.token, a.id, top);
    const leaf = await createWorkspace(t, a.admin.token, a.id, mid);
    const other = await createWorkspace(t, a.admin.token, a.id);
    expect((await t.http.patch(ws(a.id, top)).set(bearer(a.admin.token)).send({ name: 'Renamed' }).expect(200)).body.name).toBe('Renamed');
    expect((await t.http.patch(ws(a.id, top)).set(bearer(a.admin.token)).send({ parent_workspace_id: leaf }).expect(409)).body.code).toBe('WORKSPACE_CYCLE');
    expect((await t.http.patch(ws(a.id, top)).set(bearer(a.admin.token)).send({ parent_workspace_id: top }).expect(409)).body.code).toBe('WORKSPACE_CYCLE');
    expect((await t.http.patch(ws(a.id, a.rootWorkspaceId)).set(bearer(a.admin.token)).send({ parent_workspace_id: top }).expect(409)).body.code).toBe('ROOT_WORKSPACE_PROTECTED');
    const moved = await t.http.patch(ws(a.id, mid)).set(bearer(a.admin.token)).send({ parent_workspace_id: other }).expect(200);
    expect(moved.body.parent_workspace_id).toBe(other);
    await t.http.patch(ws(a.id, mid)).set(bearer(a.admin.token)).send({ parent_workspace_id: b.rootWorkspaceId }).expect(404);
  });

  it('deletes a leaf; refuses the root (ROOT_WORKSPACE_PROTECTED) and a parent (WORKSPACE_HAS_CHILDREN)', async () => {
    const parent = await createWorkspace(t, a.admin.token, a.id);
    const child = await createWorkspace(t, a.admin.token, a.id, parent);
    expect((await t.http.delete(ws(a.id, a.rootWorkspaceId)).set(bearer(a.admin.token)).expect(409)).body.code).toBe('ROOT_WORKSPACE_PROTECTED');
    expect((await t.http.delete(ws(a.id, parent)).set(bearer(a.admin.token)).expect(409)).body.code).toBe('WORKSPACE_HAS_CHILDREN');
    await t.http.delete(ws(a.id, child)).set(bearer(a.admin.token)).expect(204);
    await t.http.get(ws(a.id, child)).set(bearer(a.admin.token)).expect(404);
    await t.http.delete(ws(a.id, parent)).set(bearer(a.admin.token)).expect(204);
  });

  it('has the ON DELETE RESTRICT foreign key behind WORKSPACE_HAS_CHILDREN', async () => {
    const parent = await createWorkspace(t, a.admin.token, a.id);
    await createWorkspace(t, a.admin.token, a.id, parent);
    const tx = t.app.get(TransactionRunner);
    await expect(tx.inTenant(a.id, () => tx.manager.query(`DELETE FROM workspaces WHERE id = $1`, [parent]))).rejects.toThrow(/foreign key/);
  });

  it('hides workspaces from a member until granted; a grant covers the subtree, read-only for members', async () => {
    const top = await createWorkspace(t, a.admin.token, a.id);
    const below = await createWorkspace(t, a.admin.token, a.id, top);
    expect((await t.http.get(ws(a.id, top)).set(bearer(member.token)).expect(404)).body.code).toBe('WORKSPACE_NOT_FOUND');
    expect((await t.http.get(ws(a.id)).set(bearer(member.token)).expect(200)).body.items).toEqual([]);
    await t.http.post(`${ws(a.id, top)}/members`).set(bearer(member.token)).send({ user_id: member.id, role: 'admin' }).expect(404);

    await t.http.post(`${ws(a.id, top)}/members`).set(bearer(a.admin.token)).send({ user_id: member.id, role: 'member' }).expect(204);
    await t.http.get(ws(a.id, top)).set(bearer(member.token)).expect(200);
    await t.http.get(ws(a.id, below)).set(bearer(member.token)).expect(200);
    const listed = await t.http.get(ws(a.id)).set(bearer(member.token)).expect(200);
    expect(listed.body.items.map((w: { id: string }) => w.id).sort()).toEqual([top, below].sort());
    const tree = await t.http.get(ws(a.id)).query({ view: 'tree' }).set(bearer(member.token)).expect(200);
    expect(tree.body.items.map((w: { id: string }) => w.id)).toEqual([top]);
    expect((await t.http.patch(ws(a.id, below)).set(bearer(member.token)).send({ name: 'mine' }).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http.post(ws(a.id)).set(bearer(member.token)).send({ name: 'sub', parent_workspace_id: top }).expect(403);

    await t.http.post(`${ws(a.id, top)}/members`).set(bearer(a.admin.token)).send({ user_id: member.id, role: 'admin' }).expect(204);
    await t.http.patch(ws(a.id, below)).set(bearer(member.token)).send({ name: 'mine' }).expect(200);
    await t.http.post(ws(a.id)).set(bearer(member.token)).send({ name: 'sub', parent_workspace_id: top }).expect(201);
    const members = await t.http.get(`${ws(a.id, top)}/members`).set(bearer(member.token)).expect(200);
    expect(members.body.items).toEqual([expect.objectContaining({ workspace_id: top, user_id: member.id, team_id: null, role: 'admin' })]);

    await t.http.delete(`${ws(a.id, top)}/members/users/${member.id}`).set(bearer(a.admin.token)).expect(204);
    await t.http.get(ws(a.id, top)).set(bearer(member.token)).expect(404);
    expect((await t.http.delete(`${ws(a.id, top)}/members/users/${member.id}`).set(bearer(a.admin.token)).expect(404)).body.code).toBe('MEMBER_NOT_FOUND');
  });

  it('grants a whole team: its members see the workspace', async () => {
    const target = await createWorkspace(t, a.admin.token, a.id);
    const u = await createUser(t, a.admin.token, a.id);
    const team = await createTeam(t, a.admin.token, a.id);
    await t.http.post(`/v1/tenants/${a.id}/teams/${team}/members`).set(bearer(a.admin.token)).send({ user_id: u.id, role: 'member' }).expect(204);
    await t.http.get(ws(a.id, target)).set(bearer(u.token)).expect(404);
    await t.http.post(`${ws(a.id, target)}/members`).set(bearer(a.admin.token)).send({ team_id: team, role: 'member' }).expect(204);
    await t.http.get(ws(a.id, target)).set(bearer(u.token)).expect(200);
    await t.http.delete(`${ws(a.id, target)}/members/teams/${team}`).set(bearer(a.admin.token)).expect(204);
    await t.http.get(ws(a.id, target)).set(bearer(u.token)).expect(404);
  });

  it('refuses member bodies naming both or neither (INVALID_MEMBER), and unknown users or teams (404)', async () => {
    const target = await createWorkspace(t, a.admin.token, a.id);
    expect((await t.http.post(`${ws(a.id, target)}/members`).set(bearer(a.admin.token)).send({ role: 'member' }).expect(400)).body.code).toBe('INVALID_MEMBER');
    expect((await t.http.post(`${ws(a.id, target)}/members`).set(bearer(a.admin.token)).send({ user_id: b.admin.id, role: 'member' }).expect(404)).body.code).toBe('USER_NOT_FOUND');
    expect((await t.http.post(`${ws(a.id, target)}/members`).set(bearer(a.admin.token)).send({ team_id: b.admin.id, role: 'member' }).expect(404)).body.code).toBe('TEAM_NOT_FOUND');
  });

  it('lets system administrators manage any tenant\'s workspaces', async () => {
    const id = await createWorkspace(t, systemToken, b.id);
    await t.http.delete(ws(b.id, id)).set(bearer(systemToken)).expect(204);
  });
});
