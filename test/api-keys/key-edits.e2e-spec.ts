import { Clock, ManualClock } from '../../src/platform';
import { bearer, createTeam, createTenant, createUser, createWorkspace, loginAsAdmin, startIamApp, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { describeOnServer } from '../support/test-database';
import { startTwoInstances, TwoInstances } from '../support/two-instances';
import { createKey, keysPath, LENIENT_THROTTLE, policyPath, xApiKey } from './key-fixtures';
import { ProbeRoutesModule } from './probe-routes.module';

const ORIGIN = 'https://app.example.com';
const MISSING = '00000000-0000-4000-8000-000000000001';
const BASE = new Date('2026-06-01T00:00:00Z');

interface AuditRecord {
  action: string;
  actor: { type: string; id: string | null };
  details: { fields?: string[]; changes?: Array<{ field: string; old: unknown; new: unknown }> };
}

describe('Editing a key in place: level, scope, origins, address rules, rate limit; the verify answer says them', () => {
  let t: TestApp;
  const clock = new ManualClock(BASE);
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let member: UserFixture;
  let teamT: string;
  let teamU: string;
  // root > w1 > w2, and root > w3 beside them
  let w1: string;
  let w2: string;
  let w3: string;

  beforeAll(async () => {
    t = await startIamApp({ env: LENIENT_THROTTLE, imports: [ProbeRoutesModule], override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
    member = await createUser(t, a.admin.token, a.id);
    teamT = await createTeam(t, a.admin.token, a.id);
    teamU = await createTeam(t, a.admin.token, a.id);
    w1 = await createWorkspace(t, a.admin.token, a.id);
    w2 = await createWorkspace(t, a.admin.token, a.id, w1);
    w3 = await createWorkspace(t, a.admin.token, a.id);
  });
  // Each request is a minute after the last: rate limits never carry over between tests.
  afterEach(() => clock.advance(60_000));
  afterAll(() => t?.close());

  const patch = (id: string, body: Record<string, unknown>, auth: Record<string, string> = bearer(a.admin.token)) =>
    t.http.patch(keysPath(a.id, id)).set(auth).send(body);
  const probe = (key: string, target = '') => t.http.get(`/v1/probe${target}`).set(xApiKey(key));
  const tenantTarget = () => `/tenants/${a.id}`;
  const trailOf = async (keyId: string): Promise<AuditRecord[]> =>
    (await t.http.get(`/v1/tenants/${a.id}/audit?resource_type=api_key&resource_id=${keyId}&limit=100`).set(bearer(a.admin.token)).expect(200)).body.items;

  describe('each control', () => {
    it('edits permission, scope, address rules and rate limit of a secret key, and shows them on the key', async () => {
      const key = await createKey(t, a.admin.token, a.id, { permission: 'read' });
      clock.advance(1_000);
      const edited = await patch(key.id, {
        permission: 'admin',
        scope: { type: 'workspace', id: w1 },
        allowed_ips: ['127.0.0.1', '::1', '10.0.0.0/8'],
        rate_limit: 30,
      }).expect(200);
      expect(edited.body).toMatchObject({
        id: key.id,
        permission: 'admin',
        scope: { type: 'workspace', id: w1 },
        team_id: null,
        allowed_ips: ['127.0.0.1', '::1', '10.0.0.0/8'],
        allowed_origins: [],
        rate_limit: 30,
        key_prefix: key.body.key_prefix,
      });
      expect(new Date(edited.body.updated_at).getTime()).toBeGreaterThan(new Date(key.body.updated_at as string).getTime());
      const read = await t.http.get(keysPath(a.id, key.id)).set(bearer(a.admin.token)).expect(200);
      expect(read.body).toMatchObject({ permission: 'admin', scope: { type: 'workspace', id: w1 }, rate_limit: 30 });
      // Back to the whole tenant, with no limit and no address rules: the same key string keeps working.
      const back = await patch(key.id, { scope: { type: 'tenant' }, allowed_ips: [], rate_limit: null }).expect(200);
      expect(back.body).toMatchObject({ scope: { type: 'tenant' }, allowed_ips: [], rate_limit: null });
      await probe(key.key, tenantTarget()).expect(200);
    });

    it('edits the origins and level of a public key, stored normalised', async () => {
      const pub = await createKey(t, member.token, a.id, { type: 'public', allowed_origins: [ORIGIN] });
      const edited = await patch(pub.id, { allowed_origins: ['HTTPS://Other.Example:443/', 'http://localhost:3000'], permission: 'write' }, bearer(member.token)).expect(200);
      expect(edited.body).toMatchObject({ allowed_origins: ['https://other.example', 'http://localhost:3000'], permission: 'write', allowed_ips: [] });
      await t.http.post('/v1/probe').set(xApiKey(pub.key)).set('origin', 'https://other.example').expect(200);
      expect((await t.http.post('/v1/probe').set(xApiKey(pub.key)).set('origin', ORIGIN).expect(403)).body.code).toBe('API_KEY_ORIGIN_NOT_ALLOWED');
    });

    it('puts a key of no team on the team its new scope names, as creation does', async () => {
      const lead = await createUser(t, a.admin.token, a.id);
      await t.http.post(`/v1/tenants/${a.id}/teams/${teamT}/members`).set(bearer(a.admin.token)).send({ user_id: lead.id, role: 'admin' }).expect(204);
      const key = await createKey(t, a.admin.token, a.id);
      await t.http.get(keysPath(a.id, key.id)).set(bearer(lead.token)).expect(404);
      const edited = await patch(key.id, { scope: { type: 'team', id: teamT } }).expect(200);
      expect(edited.body).toMatchObject({ team_id: teamT, scope: { type: 'team', id: teamT } });
      // The team's admins see it now, as they see every key of their team.
      await t.http.get(keysPath(a.id, key.id)).set(bearer(lead.token)).expect(200);
      await probe(key.key, `/tenants/${a.id}/teams/${teamT}`).expect(200);
      expect((await probe(key.key, `/tenants/${a.id}/teams/${teamU}`).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
      // Its team's keys are its own now: listing by team finds it.
      const listed = await t.http.get(keysPath(a.id)).query({ team_id: teamT }).set(bearer(a.admin.token)).expect(200);
      expect(listed.body.items.map((k: { id: string }) => k.id)).toContain(key.id);
      // Leaving the team scope keeps the team, as a tenant-scoped key of a team may be.
      expect((await patch(key.id, { scope: { type: 'tenant' } }).expect(200)).body).toMatchObject({ team_id: teamT, scope: { type: 'tenant' } });
    });
  });

  describe('refusals, with the codes of creation', () => {
    it('scope: unknown or foreign targets, a team other than the key\'s, malformed scopes', async () => {
      const key = await createKey(t, a.admin.token, a.id);
      const missing = await patch(key.id, { scope: { type: 'workspace', id: MISSING } }).expect(404);
      expect(missing.body).toMatchObject({ code: 'API_KEY_SCOPE_TARGET_NOT_FOUND', details: { scope: { type: 'workspace', id: MISSING } } });
      expect((await patch(key.id, { scope: { type: 'workspace', id: b.rootWorkspaceId } }).expect(404)).body.code).toBe('API_KEY_SCOPE_TARGET_NOT_FOUND');
      const foreignTeam = await createTeam(t, b.admin.token, b.id);
      expect((await patch(key.id, { scope: { type: 'team', id: foreignTeam } }).expect(404)).body.code).toBe('TEAM_NOT_FOUND');
      const teamKey = await createKey(t, a.admin.token, a.id, { team_id: teamT });
      expect((await patch(teamKey.id, { scope: { type: 'team', id: teamU } }).expect(400)).body.code).toBe('API_KEY_SCOPE_TEAM_MISMATCH');
      for (const scope of [{ type: 'workspace' }, { type: 'team', id: 'nope' }, { type: 'galaxy' }, 'tenant']) {
        expect((await patch(key.id, { scope }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
      // A member may not put its key on a team it cannot see.
      const own = await createKey(t, member.token, a.id);
      expect((await patch(own.id, { scope: { type: 'team', id: teamT } }, bearer(member.token)).expect(404)).body.code).toBe('TEAM_NOT_FOUND');
      const unchanged = await t.http.get(keysPath(a.id, key.id)).set(bearer(a.admin.token)).expect(200);
      expect(unchanged.body).toMatchObject({ scope: { type: 'tenant' }, team_id: null });
    });

    it('permission: at most what the caller and the key\'s owner may grant', async () => {
      const own = await createKey(t, member.token, a.id, { permission: 'read' });
      const byMember = await patch(own.id, { permission: 'admin' }, bearer(member.token)).expect(403);
      expect(byMember.body).toMatchObject({ code: 'API_KEY_PERMISSION_EXCEEDS_CREATOR', details: { permission: 'admin', max_permission: 'write' } });
      // A tenant admin may grant admin, but not to a member's key: its owner could not have.
      const byAdmin = await patch(own.id, { permission: 'admin' }).expect(403);
      expect(byAdmin.body).toMatchObject({ code: 'API_KEY_PERMISSION_EXCEEDS_CREATOR', details: { permission: 'admin', max_permission: 'write' } });
      expect((await patch(own.id, { permission: 'write' }).expect(200)).body.permission).toBe('write');
      const adminsOwn = await createKey(t, a.admin.token, a.id, { permission: 'read' });
      expect((await patch(adminsOwn.id, { permission: 'admin' }).expect(200)).body.permission).toBe('admin');
      // A write key of a tenant admin grants at most write, to itself as to others.
      const writer = await createKey(t, a.admin.token, a.id, { scopes: ['*'], permission: 'write' });
      for (const id of [writer.id, adminsOwn.id]) {
        const res = await patch(id, { permission: 'admin' }, xApiKey(writer.key)).expect(403);
        expect(res.body).toMatchObject({ code: 'API_KEY_PERMISSION_EXCEEDS_CREATOR', details: { max_permission: 'write' } });
      }
      expect((await patch(adminsOwn.id, { permission: 'read' }, xApiKey(writer.key)).expect(200)).body.permission).toBe('read');
      expect((await patch(own.id, { permission: 'owner' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('public keys: no admin, no address rules, at least one valid origin; origins on secret keys only', async () => {
      const pub = await createKey(t, a.admin.token, a.id, { type: 'public', allowed_origins: [ORIGIN] });
      expect((await patch(pub.id, { permission: 'admin' }).expect(400)).body.code).toBe('API_KEY_PUBLIC_ADMIN_NOT_ALLOWED');
      expect((await patch(pub.id, { allowed_ips: ['10.0.0.1'] }).expect(400)).body.code).toBe('API_KEY_PUBLIC_IP_RULES_NOT_ALLOWED');
      expect((await patch(pub.id, { allowed_origins: [] }).expect(400)).body.code).toBe('API_KEY_ORIGINS_REQUIRED');
      const invalid = await patch(pub.id, { allowed_origins: [ORIGIN, 'https://a.example/path'] }).expect(400);
      expect(invalid.body).toMatchObject({ code: 'API_KEY_ORIGIN_INVALID', details: { invalid_origins: ['https://a.example/path'] } });
      const secret = await createKey(t, a.admin.token, a.id);
      expect((await patch(secret.id, { allowed_origins: [ORIGIN] }).expect(400)).body.code).toBe('API_KEY_ORIGINS_PUBLIC_ONLY');
      expect((await patch(secret.id, { allowed_ips: ['10.0.0.256'] }).expect(400)).body.code).toBe('API_KEY_IP_RULE_INVALID');
      const after = await t.http.get(keysPath(a.id, pub.id)).set(bearer(a.admin.token)).expect(200);
      expect(after.body).toMatchObject({ permission: 'read', allowed_origins: [ORIGIN], allowed_ips: [] });
    });

    it("rate limit: within the policy's maximum", async () => {
      const tenant = await createTenant(t, systemToken);
      const token = tenant.admin.token;
      const policy = (await t.http.get(policyPath(tenant.id)).set(bearer(token)).expect(200)).body;
      await t.http.put(policyPath(tenant.id)).set(bearer(token)).send({ ...policy, max_rate_limit_per_minute: 100 }).expect(200);
      const key = await createKey(t, token, tenant.id, { rate_limit: 50 });
      const edit = (body: object) => t.http.patch(keysPath(tenant.id, key.id)).set(bearer(token)).send(body);
      expect((await edit({ rate_limit: 101 }).expect(400)).body).toMatchObject({
        code: 'API_KEY_RATE_LIMIT_EXCEEDS_POLICY',
        details: { max_rate_limit_per_minute: 100 },
      });
      expect((await edit({ rate_limit: null }).expect(400)).body.code).toBe('API_KEY_RATE_LIMIT_EXCEEDS_POLICY');
      for (const rate_limit of [0, 1.5, '10']) expect((await edit({ rate_limit }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      expect((await edit({ rate_limit: 100 }).expect(200)).body.rate_limit).toBe(100);
    });

    it('a refused edit changes nothing, not even the fields it was valid for, and leaves no audit record', async () => {
      const key = await createKey(t, a.admin.token, a.id, { permission: 'read' });
      await patch(key.id, { name: 'renamed', permission: 'write', scope: { type: 'workspace', id: MISSING } }).expect(404);
      const after = await t.http.get(keysPath(a.id, key.id)).set(bearer(a.admin.token)).expect(200);
      expect(after.body).toMatchObject({ name: key.body.name, permission: 'read', scope: { type: 'tenant' } });
      expect((await trailOf(key.id)).map((r) => r.action)).toEqual(['api_key.created']);
    });
  });

  describe('a calling key stays inside its own scope', () => {
    it('cannot widen itself or another key beyond its scope, and may narrow within it', async () => {
      const scoped = await createKey(t, a.admin.token, a.id, { scopes: ['*'], permission: 'write', scope: { type: 'workspace', id: w1 } });
      const inW2 = await createKey(t, a.admin.token, a.id, { scope: { type: 'workspace', id: w2 } });
      const use = xApiKey(scoped.key);
      for (const [id, scope] of [
        [scoped.id, { type: 'tenant' }],
        [scoped.id, { type: 'workspace', id: w3 }],
        [scoped.id, { type: 'workspace', id: a.rootWorkspaceId }],
        [inW2.id, { type: 'tenant' }],
        [inW2.id, { type: 'workspace', id: w3 }],
        [inW2.id, { type: 'team', id: teamT }],
      ] as const) {
        const res = await patch(id, { scope }, use).expect(403);
        expect(res.body).toMatchObject({ code: 'API_KEY_OUT_OF_SCOPE', details: { scope: { type: 'workspace', id: w1 } } });
      }
      // Moving within its subtree is fine.
      expect((await patch(inW2.id, { scope: { type: 'workspace', id: w1 } }, use).expect(200)).body.scope).toEqual({ type: 'workspace', id: w1 });
      // Narrowing itself takes effect on its very next request.
      await probe(scoped.key, `/tenants/${a.id}/workspaces/${w1}`).expect(200);
      expect((await patch(scoped.id, { scope: { type: 'workspace', id: w2 } }, use).expect(200)).body.scope).toEqual({ type: 'workspace', id: w2 });
      expect((await probe(scoped.key, `/tenants/${a.id}/workspaces/${w1}`).expect(403)).body).toMatchObject({
        code: 'API_KEY_OUT_OF_SCOPE',
        details: { scope: { type: 'workspace', id: w2 } },
      });
      await probe(scoped.key, `/tenants/${a.id}/workspaces/${w2}`).expect(200);
    });

    it('a team-scoped key cannot take a key off its team, nor onto another', async () => {
      const scoped = await createKey(t, a.admin.token, a.id, { scopes: ['*'], permission: 'write', scope: { type: 'team', id: teamT } });
      const inT = await createKey(t, a.admin.token, a.id, { team_id: teamT });
      for (const scope of [{ type: 'tenant' }, { type: 'workspace', id: w1 }]) {
        expect((await patch(inT.id, { scope }, xApiKey(scoped.key)).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
      }
      expect((await patch(inT.id, { scope: { type: 'team', id: teamU } }, xApiKey(scoped.key)).expect(400)).body.code).toBe('API_KEY_SCOPE_TEAM_MISMATCH');
      expect((await patch(inT.id, { scope: { type: 'team', id: teamT } }, xApiKey(scoped.key)).expect(200)).body.scope).toEqual({ type: 'team', id: teamT });
    });
  });

  describe('the change takes effect on the next request', () => {
    it('a narrowed scope is out of scope right after', async () => {
      const key = await createKey(t, a.admin.token, a.id, { scopes: ['*'] });
      await probe(key.key, tenantTarget()).expect(200);
      await probe(key.key, `/tenants/${a.id}/workspaces/${w3}`).expect(200);
      await patch(key.id, { scope: { type: 'workspace', id: w1 } }).expect(200);
      expect((await probe(key.key, tenantTarget()).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
      expect((await probe(key.key, `/tenants/${a.id}/workspaces/${w3}`).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
      await probe(key.key, `/tenants/${a.id}/workspaces/${w2}`).expect(200);
    });

    it('a lowered rate limit shows in RateLimit-Limit and is enforced', async () => {
      const key = await createKey(t, a.admin.token, a.id, { rate_limit: 50 });
      expect((await probe(key.key).expect(200)).headers['ratelimit-limit']).toBe('50');
      await patch(key.id, { rate_limit: 2 }).expect(200);
      clock.advance(60_000);
      expect((await probe(key.key).expect(200)).headers['ratelimit-limit']).toBe('2');
      await probe(key.key).expect(200);
      expect((await probe(key.key).expect(429)).body.code).toBe('API_KEY_RATE_LIMITED');
    });

    it('a lowered level and changed address rules apply at once', async () => {
      const key = await createKey(t, a.admin.token, a.id, { permission: 'admin' });
      await t.http.delete('/v1/probe').set(xApiKey(key.key)).expect(200);
      await patch(key.id, { permission: 'write' }).expect(200);
      expect((await t.http.delete('/v1/probe').set(xApiKey(key.key)).expect(403)).body.code).toBe('API_KEY_PERMISSION_TOO_LOW');
      await patch(key.id, { allowed_ips: ['203.0.113.7'] }).expect(200);
      expect((await probe(key.key).expect(403)).body.code).toBe('API_KEY_IP_NOT_ALLOWED');
    });
  });

  it('audits every change of the controls with old and new values, and who made it', async () => {
    const key = await createKey(t, a.admin.token, a.id, { permission: 'read' });
    const writer = await createKey(t, a.admin.token, a.id, { scopes: ['*'], permission: 'write' });
    // The trail is ordered by time: a second apart each.
    clock.advance(1_000);
    await patch(key.id, { permission: 'write', scope: { type: 'team', id: teamT }, allowed_ips: ['10.0.0.0/8'], rate_limit: 5 }).expect(200);
    clock.advance(1_000);
    await patch(key.id, { scope: { type: 'tenant' }, rate_limit: null }, xApiKey(writer.key)).expect(200);
    // An edit to the same values is no change, and no record.
    await patch(key.id, { permission: 'write', scope: { type: 'tenant' } }).expect(200);
    const [second, first, created] = await trailOf(key.id);
    expect(created.action).toBe('api_key.created');
    expect(first).toEqual(
      expect.objectContaining({
        action: 'api_key.updated',
        actor: { type: 'user', id: a.admin.id },
        details: {
          fields: ['team_id', 'permission', 'scope', 'allowed_ips', 'rate_limit_per_minute'],
          changes: [
            { field: 'team_id', old: null, new: teamT },
            { field: 'permission', old: 'read', new: 'write' },
            { field: 'scope', old: { type: 'tenant' }, new: { type: 'team', id: teamT } },
            { field: 'allowed_ips', old: [], new: ['10.0.0.0/8'] },
            { field: 'rate_limit_per_minute', old: null, new: 5 },
          ],
        },
      }),
    );
    expect(second).toEqual(
      expect.objectContaining({
        action: 'api_key.updated',
        actor: { type: 'api_key', id: writer.id },
        details: {
          fields: ['scope', 'rate_limit_per_minute'],
          changes: [
            { field: 'scope', old: { type: 'team', id: teamT }, new: { type: 'tenant' } },
            { field: 'rate_limit_per_minute', old: 5, new: null },
          ],
        },
      }),
    );
    expect(await trailOf(key.id)).toHaveLength(3);
  });

  describe('POST /v1/api-keys/verify', () => {
    let gateway: string;
    beforeAll(async () => {
      gateway = (await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:verify'], permission: 'read' })).key;
    });
    const verify = (key: string) => t.http.post('/v1/api-keys/verify').set(xApiKey(gateway)).send({ key }).expect(200);

    it('reports the level, scope and rate limit of a valid key, and the origins of a public one', async () => {
      const secret = await createKey(t, a.admin.token, a.id, { permission: 'write', scope: { type: 'workspace', id: w1 }, rate_limit: 30 });
      expect((await verify(secret.key)).body).toEqual({
        valid: true,
        tenant_id: a.id,
        key_id: secret.id,
        owner_id: a.admin.id,
        type: 'secret',
        scopes: [],
        resource_permissions: [],
        expires_at: null,
        permission: 'write',
        scope: { type: 'workspace', id: w1 },
        allowed_origins: [],
        allowed_ips: [],
        rate_limit: 30,
      });
      const pub = await createKey(t, a.admin.token, a.id, { type: 'public', allowed_origins: [ORIGIN] });
      expect((await verify(pub.key)).body).toMatchObject({
        valid: true,
        type: 'public',
        permission: 'read',
        scope: { type: 'tenant' },
        allowed_origins: [ORIGIN],
        rate_limit: null,
      });
    });

    it('answers the edited controls at once', async () => {
      const key = await createKey(t, a.admin.token, a.id, { rate_limit: 30 });
      expect((await verify(key.key)).body).toMatchObject({ permission: 'write', scope: { type: 'tenant' }, rate_limit: 30 });
      await patch(key.id, { permission: 'read', scope: { type: 'team', id: teamU }, rate_limit: 7 }).expect(200);
      expect((await verify(key.key)).body).toMatchObject({ valid: true, permission: 'read', scope: { type: 'team', id: teamU }, rate_limit: 7 });
    });

    it('adds nothing to the answer for an unknown key', async () => {
      expect((await verify('sk_live_unknownunknownunknownunknown')).body).toEqual({ valid: false, code: 'API_KEY_INVALID' });
    });
  });

  it('documents scope on the edit body and the new verify fields in the OpenAPI document', async () => {
    const { body } = await t.http.get('/docs-json').expect(200);
    const schemas = body.components.schemas;
    expect(schemas.UpdateApiKeyBody.properties.scope).toBeDefined();
    expect(schemas.VerifyResultDto.properties.rate_limit).toMatchObject({ type: 'number', nullable: true });
    expect(schemas.VerifyResultDto.properties).toEqual(expect.objectContaining({ permission: expect.any(Object), scope: expect.any(Object), allowed_origins: expect.any(Object) }));
  });
});

describeOnServer('Key edits reach every instance on the next request', () => {
  let instances: TwoInstances;

  beforeAll(async () => {
    instances = await startTwoInstances({ env: LENIENT_THROTTLE, imports: [ProbeRoutesModule] });
  });
  afterAll(() => instances?.close());

  it('a scope narrowed and a rate limit lowered on one instance apply on the other at once', async () => {
    const { one, two, tenant } = instances;
    const ws = await createWorkspace(one, tenant.admin.token, tenant.id);
    const key = await createKey(one, tenant.admin.token, tenant.id, { rate_limit: 50 });
    for (const app of [one, two]) expect((await app.http.get(`/v1/probe/tenants/${tenant.id}`).set(xApiKey(key.key)).expect(200)).headers['ratelimit-limit']).toBe('50');
    await one.http.patch(keysPath(tenant.id, key.id)).set(bearer(tenant.admin.token)).send({ scope: { type: 'workspace', id: ws }, rate_limit: 40 }).expect(200);
    expect((await two.http.get(`/v1/probe/tenants/${tenant.id}`).set(xApiKey(key.key)).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
    const inside = await two.http.get(`/v1/probe/tenants/${tenant.id}/workspaces/${ws}`).set(xApiKey(key.key)).expect(200);
    expect(inside.headers['ratelimit-limit']).toBe('40');
  });
});
