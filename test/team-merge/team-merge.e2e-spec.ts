import { AuditLogReader, AuthorizationPort, Outbox, TransactionRunner } from '../../src/platform';
import { TestApp } from '../support/test-app';
import { bearer, createTeam, createTenant, loginAsAdmin, startIamApp, unique } from '../support/iam-fixtures';
import { FakeLiteLlm } from './fake-litellm';
import { addMember, keyOf, membersOf, mergePath, newUser, snapshot, teamKey, twoTeams } from './merge-fixtures';

describe('Team merge', () => {
  let t: TestApp;
  let gateway: FakeLiteLlm;
  let systemToken: string;

  beforeAll(async () => {
    gateway = await new FakeLiteLlm('sk-master-merge-suite').start();
    t = await startIamApp({ env: gateway.env('eu') });
    systemToken = await loginAsAdmin(t);
  });
  afterAll(async () => {
    await t?.close();
    await gateway?.close();
  });

  /** The merge answers once committed; its SpiceDB writes and gateway calls follow through the outbox. */
  const delivered = () => t.app.get(Outbox).flush();

  const merge = (tenantId: string, target: string, body: Record<string, unknown>, token = systemToken) =>
    t.http.post(mergePath(tenantId, target)).set(bearer(token)).send(body);

  it('moves users and keys into the target, deletes the source, and keeps SpiceDB and the gateway in step', async () => {
    const s = await twoTeams(t, systemToken);
    const [ann, ben] = [await newUser(t, s), await newUser(t, s)];
    await addMember(t, s, s.source, ann, 'admin');
    await addMember(t, s, s.source, ben, 'member');
    const annKey = await teamKey(t, s, s.source, 'ann-key', ann.token);
    const other = await teamKey(t, s, s.source, 'shared');
    await delivered();
    gateway.calls.length = 0;
    const keyBefore = await keyOf(t, s, annKey);

    const res = await merge(s.tenant.id, s.target, { source_team_id: s.source, conflict_strategy: 'cancel' }).expect(200);
    expect(res.body).toMatchObject({ dry_run: false, source_team_id: s.source, target_team_id: s.target, conflict_strategy: 'cancel', conflicts: [] });
    expect(res.body.moved_keys.map((k: { id: string }) => k.id).sort()).toEqual([annKey, other].sort());
    expect(res.body.gateway_sync).toEqual({ state: 'queued', calls: 2 });

    expect((await t.http.get(`/v1/tenants/${s.tenant.id}/teams/${s.source}`).set(bearer(s.tenant.admin.token)).expect(404)).body.code).toBe('TEAM_NOT_FOUND');
    expect(await membersOf(t, s, s.target)).toEqual(
      [
        { user_id: ann.id, role: 'admin' },
        { user_id: ben.id, role: 'member' },
      ].sort((a, b) => a.user_id.localeCompare(b.user_id)),
    );
    const moved = await keyOf(t, s, annKey);
    expect(moved).toMatchObject({ team_id: s.target, name: 'ann-key', state: 'active', owner_id: ann.id });
    // Everything but the team stays as it was: owner, scopes, expiry, prefix, creation.
    const { team_id: _t, updated_at: _u, ...restAfter } = moved;
    const { team_id: _t0, updated_at: _u0, ...restBefore } = keyBefore;
    expect(restAfter).toEqual(restBefore);

    await delivered();
    // Relationships followed: ann now manages the target team, her key points at it.
    const authz = t.app.get(AuthorizationPort);
    expect(await authz.check({ type: 'user', id: ann.id }, 'manage', { type: 'team', id: s.target })).toBe(true);
    expect(await authz.check({ type: 'user', id: ben.id }, 'use', { type: 'api_key', id: other })).toBe(true);
    expect(await authz.readRelationships({ resourceType: 'team', resourceId: s.source })).toEqual([]);

    expect(gateway.calls.filter((c) => c.path === '/key/update').map((c) => c.body).sort((a, b) => String(a.key).localeCompare(String(b.key)))).toEqual(
      [annKey, other].sort().map((key) => ({ key, team_id: `eu_${s.target}` })),
    );

    const tx = t.app.get(TransactionRunner);
    const audit = await tx.asSystem(() => t.app.get(AuditLogReader).list({ tenantId: s.tenant.id, action: 'team.merged' }));
    expect(audit.items[0]).toMatchObject({ resourceId: s.target, details: { source_team_id: s.source, keys_moved: 2, members: 2 } });
  });

  it('keeps one membership per user with the higher role', async () => {
    const s = await twoTeams(t, systemToken);
    const [ann, ben, cy] = [await newUser(t, s), await newUser(t, s), await newUser(t, s)];
    await addMember(t, s, s.source, ann, 'admin');
    await addMember(t, s, s.target, ann, 'member');
    await addMember(t, s, s.source, ben, 'member');
    await addMember(t, s, s.target, ben, 'admin');
    await addMember(t, s, s.source, cy, 'member');

    const res = await merge(s.tenant.id, s.target, { source_team_id: s.source, conflict_strategy: 'cancel' }).expect(200);
    const outcome = Object.fromEntries(res.body.members.map((m: { user_id: string; role: string; outcome: string }) => [m.user_id, [m.role, m.outcome]]));
    expect(outcome).toEqual({ [ann.id]: ['admin', 'promoted'], [ben.id]: ['admin', 'kept'], [cy.id]: ['member', 'added'] });
    const roles = Object.fromEntries((await membersOf(t, s, s.target)).map((m) => [m.user_id, m.role]));
    expect(roles).toEqual({ [ann.id]: 'admin', [ben.id]: 'admin', [cy.id]: 'member' });
    await delivered();
    const authz = t.app.get(AuthorizationPort);
    expect(await authz.check({ type: 'user', id: ann.id }, 'manage', { type: 'team', id: s.target })).toBe(true);
  });

  it('refuses a merge of a team into itself (400) and of teams of different tenants (400), changing nothing', async () => {
    const s = await twoTeams(t, systemToken);
    await teamKey(t, s, s.source, 'k');
    const before = await snapshot(t, s);
    expect((await merge(s.tenant.id, s.target, { source_team_id: s.target, conflict_strategy: 'rename' }).expect(400)).body.code).toBe('TEAM_MERGE_SAME_TEAM');

    const other = await createTenant(t, systemToken);
    const foreign = await createTeam(t, other.admin.token, other.id);
    const res = await merge(s.tenant.id, s.target, { source_team_id: foreign, conflict_strategy: 'rename' }).expect(400);
    expect(res.body).toMatchObject({ statusCode: 400, code: 'TEAM_MERGE_TENANT_MISMATCH' });
    expect((await merge(other.id, foreign, { source_team_id: s.source, conflict_strategy: 'rename' }).expect(400)).body.code).toBe('TEAM_MERGE_TENANT_MISMATCH');
    expect(await snapshot(t, s)).toEqual(before);
    await t.http.get(`/v1/tenants/${other.id}/teams/${foreign}`).set(bearer(other.admin.token)).expect(200);
  });

  it('answers 404 for unknown teams and 400 for bad input', async () => {
    const s = await twoTeams(t, systemToken);
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await merge(s.tenant.id, s.target, { source_team_id: missing, conflict_strategy: 'cancel' }).expect(404)).body).toMatchObject({ code: 'TEAM_NOT_FOUND', details: { team: 'source' } });
    expect((await merge(s.tenant.id, missing, { source_team_id: s.source, conflict_strategy: 'cancel' }).expect(404)).body.code).toBe('TEAM_NOT_FOUND');
    for (const body of [
      { source_team_id: s.source },
      { source_team_id: s.source, conflict_strategy: 'merge' },
      { source_team_id: 'nope', conflict_strategy: 'cancel' },
      { source_team_id: s.source, conflict_strategy: 'rename', rename_suffix: 'bad suffix!' },
      { source_team_id: s.source, conflict_strategy: 'rename', dry_run: 'yes' },
      { source_team_id: s.source, conflict_strategy: 'rename', extra: 1 },
    ]) {
      const res = await merge(s.tenant.id, s.target, body);
      expect([res.status, res.body.code]).toEqual([400, 'VALIDATION_FAILED']);
    }
    expect((await t.http.post(mergePath(s.tenant.id, 'x')).set(bearer(systemToken)).send({ source_team_id: s.source, conflict_strategy: 'cancel' }).expect(400)).body.code).toBe('INVALID_ID');
  });

  it('refuses a source team with an active product (409 TEAM_HAS_ACTIVE_PRODUCT)', async () => {
    const s = await twoTeams(t, systemToken);
    await teamKey(t, s, s.source, 'k');
    const product = (await t.http.post('/v1/products').set(bearer(systemToken)).send({ name: unique('Chat') }).expect(201)).body.id;
    await t.http.post(`/v1/tenants/${s.tenant.id}/teams/${s.source}/products`).set(bearer(systemToken)).send({ product_id: product }).expect(201);
    const before = await snapshot(t, s);
    const res = await merge(s.tenant.id, s.target, { source_team_id: s.source, conflict_strategy: 'rename' }).expect(409);
    expect(res.body).toMatchObject({ code: 'TEAM_HAS_ACTIVE_PRODUCT', details: { product_ids: [product] } });
    expect(await snapshot(t, s)).toEqual(before);
    // An active product on the target is no obstacle.
    await t.http.delete(`/v1/tenants/${s.tenant.id}/teams/${s.source}/products/${product}`).set(bearer(systemToken)).expect(204);
    await t.http.post(`/v1/tenants/${s.tenant.id}/teams/${s.target}/products`).set(bearer(systemToken)).send({ product_id: product }).expect(201);
    await merge(s.tenant.id, s.target, { source_team_id: s.source, conflict_strategy: 'rename' }).expect(200);
  });

  it('with cancel refuses any name conflict (409 TEAM_MERGE_CONFLICT listing the names), changing nothing', async () => {
    const s = await twoTeams(t, systemToken);
    await teamKey(t, s, s.source, 'prod');
    await teamKey(t, s, s.source, 'Staging');
    await teamKey(t, s, s.source, 'unique-one');
    await teamKey(t, s, s.target, 'PROD');
    await teamKey(t, s, s.target, 'staging');
    const before = await snapshot(t, s);
    const res = await merge(s.tenant.id, s.target, { source_team_id: s.source, conflict_strategy: 'cancel' }).expect(409);
    expect(res.body.code).toBe('TEAM_MERGE_CONFLICT');
    expect([...(res.body.details.conflicting_names as string[])].sort()).toEqual(['Staging', 'prod']);
    expect(await snapshot(t, s)).toEqual(before);
  });

  it('with rename renames conflicts to <name>_<slugged source name>, then _2, _3 past taken names', async () => {
    const s = await twoTeams(t, systemToken, unique('Data Team'));
    const suffix = s.sourceName.toLowerCase().replace(/[^a-z0-9]+/g, '-');
    const x = await teamKey(t, s, s.source, 'x');
    const y = await teamKey(t, s, s.source, 'y');
    await teamKey(t, s, s.target, 'x');
    await teamKey(t, s, s.target, `x_${suffix}`);
    await teamKey(t, s, s.target, 'y');
    const res = await merge(s.tenant.id, s.target, { source_team_id: s.source, conflict_strategy: 'rename' }).expect(200);
    expect(res.body.renamed_keys).toEqual([
      { id: x, from: 'x', to: `x_${suffix}_2` },
      { id: y, from: 'y', to: `y_${suffix}` },
    ]);
    expect(await keyOf(t, s, x)).toMatchObject({ name: `x_${suffix}_2`, team_id: s.target, state: 'active' });
    expect(await keyOf(t, s, y)).toMatchObject({ name: `y_${suffix}`, team_id: s.target, state: 'active' });
  });

  it('with rename uses the given suffix and steps past x_team and x_team_2', async () => {
    const s = await twoTeams(t, systemToken);
    const x = await teamKey(t, s, s.source, 'x');
    for (const name of ['x', 'x_team', 'X_TEAM_2']) await teamKey(t, s, s.target, name);
    const res = await merge(s.tenant.id, s.target, { source_team_id: s.source, conflict_strategy: 'rename', rename_suffix: 'team' }).expect(200);
    expect(res.body.conflicts).toEqual([{ key_id: x, name: 'x', resolution: 'rename', new_name: 'x_team_3' }]);
    expect(await keyOf(t, s, x)).toMatchObject({ name: 'x_team_3', team_id: s.target });
  });

  it('with delete revokes conflicting source keys, removes them from the gateway, and moves the rest', async () => {
    const s = await twoTeams(t, systemToken);
    const clash = await teamKey(t, s, s.source, 'prod');
    const keep = await teamKey(t, s, s.source, 'dev');
    await teamKey(t, s, s.target, 'prod');
    await delivered();
    gateway.calls.length = 0;
    const res = await merge(s.tenant.id, s.target, { source_team_id: s.source, conflict_strategy: 'delete' }).expect(200);
    expect(res.body.revoked_keys).toEqual([{ id: clash, name: 'prod' }]);
    expect(res.body.moved_keys).toEqual([{ id: keep, name: 'dev' }]);
    expect(res.body.gateway_sync).toEqual({ state: 'queued', calls: 2 });
    expect(await keyOf(t, s, clash)).toMatchObject({ state: 'revoked', name: 'prod' });
    expect(await keyOf(t, s, keep)).toMatchObject({ state: 'active', team_id: s.target });
    await delivered();
    expect(gateway.calls).toEqual([
      { path: '/key/update', body: { key: keep, team_id: `eu_${s.target}` } },
      { path: '/key/delete', body: { keys: [clash] } },
    ]);
    expect(await t.app.get(AuthorizationPort).readRelationships({ resourceType: 'api_key', resourceId: clash })).toEqual([]);
  });

  it('dry run returns the plan, changes nothing, and the real merge then does exactly that', async () => {
    const s = await twoTeams(t, systemToken);
    const [ann, ben] = [await newUser(t, s), await newUser(t, s)];
    await addMember(t, s, s.source, ann, 'admin');
    await addMember(t, s, s.target, ann, 'member');
    await addMember(t, s, s.source, ben, 'member');
    await teamKey(t, s, s.source, 'a');
    await teamKey(t, s, s.source, 'b');
    await teamKey(t, s, s.target, 'a');
    const before = await snapshot(t, s);
    await delivered();
    gateway.calls.length = 0;
    const body = { source_team_id: s.source, conflict_strategy: 'rename', rename_suffix: 'old' };
    const plan = await merge(s.tenant.id, s.target, { ...body, dry_run: true }).expect(200);
    expect(plan.body.dry_run).toBe(true);
    expect(plan.body.gateway_sync).toEqual({ state: 'not_applied', calls: 2 });
    expect(await snapshot(t, s)).toEqual(before);
    expect(gateway.calls).toEqual([]);

    const done = await merge(s.tenant.id, s.target, body).expect(200);
    const { dry_run: _a, gateway_sync: _b, ...planned } = plan.body;
    const { dry_run: _c, gateway_sync: _d, ...applied } = done.body;
    expect(applied).toEqual(planned);
    const after = (await snapshot(t, s)) as { keys: Array<{ id: string; name: string; team_id: string }> };
    expect(after.keys.filter((k) => k.team_id === s.target).map((k) => k.name).sort()).toEqual(['a', 'a_old', 'b']);
  });

  it('is for system administrators only (403 for tenant admins and team admins)', async () => {
    const s = await twoTeams(t, systemToken);
    const teamAdmin = await newUser(t, s);
    await addMember(t, s, s.source, teamAdmin, 'admin');
    await addMember(t, s, s.target, teamAdmin, 'admin');
    const before = await snapshot(t, s);
    for (const token of [s.tenant.admin.token, teamAdmin.token]) {
      const res = await merge(s.tenant.id, s.target, { source_team_id: s.source, conflict_strategy: 'cancel' }, token).expect(403);
      expect(res.body.code).toBe('FORBIDDEN');
    }
    await t.http.post(mergePath(s.tenant.id, s.target)).send({ source_team_id: s.source, conflict_strategy: 'cancel' }).expect(401);
    expect(await snapshot(t, s)).toEqual(before);
  });
});
