import { bearer, createTeam, createTenant, createUser, createWorkspace, loginAsAdmin, startIamApp, TenantFixture, unique, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createKey, keysPath, LENIENT_THROTTLE, policyPath, xApiKey } from './key-fixtures';
import { ProbeRoutesModule } from './probe-routes.module';

const ORIGIN = 'https://app.example.com';
const constraintsPath = (tenantId: string): string => `${keysPath(tenantId)}/creation-constraints`;

describe('What a key may do: permission levels, scope, public-key origins, creation constraints', () => {
  let t: TestApp;
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let member: UserFixture;

  beforeAll(async () => {
    t = await startIamApp({ env: LENIENT_THROTTLE, imports: [ProbeRoutesModule] });
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
    member = await createUser(t, a.admin.token, a.id);
  });
  afterAll(() => t?.close());

  const keyOf = (permission: string, body: Record<string, unknown> = {}) =>
    createKey(t, a.admin.token, a.id, { scopes: ['*'], permission, ...body });
  const post = (token: string, body: Record<string, unknown>, tenantId = a.id) =>
    t.http.post(keysPath(tenantId)).set(bearer(token)).send({ name: unique('k'), type: 'secret', scopes: [], ...body });

  describe('permission levels', () => {
    it('lets each method through only at its level: read for GET, HEAD, OPTIONS; write for POST, PUT, PATCH; admin for DELETE', async () => {
      const keys = { read: await keyOf('read'), write: await keyOf('write'), admin: await keyOf('admin') };
      const expected: Record<string, Record<string, number>> = {
        read: { GET: 200, HEAD: 200, OPTIONS: 200, POST: 403, PUT: 403, PATCH: 403, DELETE: 403 },
        write: { GET: 200, HEAD: 200, OPTIONS: 200, POST: 200, PUT: 200, PATCH: 200, DELETE: 403 },
        admin: { GET: 200, HEAD: 200, OPTIONS: 200, POST: 200, PUT: 200, PATCH: 200, DELETE: 200 },
      };
      for (const [level, byMethod] of Object.entries(expected)) {
        for (const [method, status] of Object.entries(byMethod)) {
          const res = await t.http[method.toLowerCase() as 'get'](`/v1/probe`).set(xApiKey(keys[level as 'read'].key));
          expect({ level, method, status: res.status }).toEqual({ level, method, status });
          if (status === 403) {
            expect(res.body).toMatchObject({
              code: 'API_KEY_PERMISSION_TOO_LOW',
              details: { permission: level, required_permission: method === 'DELETE' ? 'admin' : 'write' },
            });
          }
        }
      }
      // People are not bound by key permissions.
      await t.http.delete('/v1/probe').set(bearer(member.token)).expect(200);
    });

    it('applies on the real key routes: a read key lists and reads, but cannot create, edit or revoke', async () => {
      const reader = await keyOf('read');
      const target = await createKey(t, a.admin.token, a.id);
      await t.http.get(keysPath(a.id)).set(xApiKey(reader.key)).expect(200);
      await t.http.get(keysPath(a.id, target.id)).set(xApiKey(reader.key)).expect(200);
      const refused = [
        await t.http.post(keysPath(a.id)).set(xApiKey(reader.key)).send({ name: 'x', type: 'secret', scopes: [] }),
        await t.http.patch(keysPath(a.id, target.id)).set(xApiKey(reader.key)).send({ name: 'renamed' }),
        await t.http.post(keysPath(a.id, target.id, 'revoke')).set(xApiKey(reader.key)).send({}),
        await t.http.post(keysPath(a.id, target.id, 'rotate')).set(xApiKey(reader.key)).send({}),
      ];
      for (const res of refused) expect([res.status, res.body.code]).toEqual([403, 'API_KEY_PERMISSION_TOO_LOW']);
      const writer = await keyOf('write');
      expect((await t.http.patch(keysPath(a.id, target.id)).set(xApiKey(writer.key)).send({ name: 'renamed' }).expect(200)).body.name).toBe('renamed');
    });

    it('defaults to write for secret keys and read for public keys, and shows the level on the key', async () => {
      const secret = await createKey(t, member.token, a.id);
      expect(secret.body.permission).toBe('write');
      const pub = await createKey(t, member.token, a.id, { type: 'public', allowed_origins: [ORIGIN] });
      expect(pub.body.permission).toBe('read');
      const listed = await t.http.get(keysPath(a.id)).set(bearer(member.token)).expect(200);
      expect(listed.body.items.find((k: { id: string }) => k.id === secret.id)).toMatchObject({
        permission: 'write',
        scope: { type: 'tenant' },
        allowed_origins: [],
        allowed_ips: [],
      });
    });

    it('never gives a key more than its creator has: members up to write, tenant admins up to admin, keys up to their own level', async () => {
      const refused = await post(member.token, { permission: 'admin' }).expect(403);
      expect(refused.body).toMatchObject({ code: 'API_KEY_PERMISSION_EXCEEDS_CREATOR', details: { permission: 'admin', max_permission: 'write' } });
      expect((await post(member.token, { permission: 'write' }).expect(201)).body.permission).toBe('write');
      expect((await post(a.admin.token, { permission: 'admin' }).expect(201)).body.permission).toBe('admin');
      // A write key of a tenant admin still grants at most write.
      const writer = await keyOf('write');
      const byKey = await t.http.post(keysPath(a.id)).set(xApiKey(writer.key)).send({ name: unique('k'), type: 'secret', scopes: [], permission: 'admin' }).expect(403);
      expect(byKey.body.code).toBe('API_KEY_PERMISSION_EXCEEDS_CREATOR');
      // Edits obey the same ceiling.
      const own = await createKey(t, member.token, a.id, { permission: 'read' });
      expect((await t.http.patch(keysPath(a.id, own.id)).set(bearer(member.token)).send({ permission: 'admin' }).expect(403)).body.code).toBe(
        'API_KEY_PERMISSION_EXCEEDS_CREATOR',
      );
      expect((await t.http.patch(keysPath(a.id, own.id)).set(bearer(member.token)).send({ permission: 'write' }).expect(200)).body.permission).toBe('write');
      expect((await post(member.token, { permission: 'owner' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    });

    it('takes an edited level into account on the next request', async () => {
      const key = await keyOf('read');
      expect((await t.http.post('/v1/probe').set(xApiKey(key.key)).expect(403)).body.code).toBe('API_KEY_PERMISSION_TOO_LOW');
      await t.http.patch(keysPath(a.id, key.id)).set(bearer(a.admin.token)).send({ permission: 'write' }).expect(200);
      await t.http.post('/v1/probe').set(xApiKey(key.key)).expect(200);
    });

    it('verification reads: a read key holding api_keys:verify may verify, and the answer carries the controls', async () => {
      const gateway = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:verify'], permission: 'read' });
      const pub = await createKey(t, a.admin.token, a.id, { type: 'public', allowed_origins: [ORIGIN], permission: 'write' });
      const answer = await t.http.post('/v1/api-keys/verify').set(xApiKey(gateway.key)).send({ key: pub.key }).expect(200);
      expect(answer.body).toMatchObject({
        valid: true,
        key_id: pub.id,
        permission: 'write',
        scope: { type: 'tenant' },
        allowed_origins: [ORIGIN],
        allowed_ips: [],
      });
    });
  });

  describe('scope', () => {
    let teamT: string;
    let teamU: string;
    let w1: string;
    let w2: string;
    let w3: string;

    beforeAll(async () => {
      teamT = await createTeam(t, a.admin.token, a.id);
      teamU = await createTeam(t, a.admin.token, a.id);
      // root > w1 > w2, and root > w3 beside them
      w1 = await createWorkspace(t, a.admin.token, a.id);
      w2 = await createWorkspace(t, a.admin.token, a.id, w1);
      w3 = await createWorkspace(t, a.admin.token, a.id);
    });

    it('validates the scope: its team or workspace must exist in the tenant, a team scope owns the key', async () => {
      const missing = '00000000-0000-4000-8000-000000000001';
      const notFound = await post(a.admin.token, { scope: { type: 'workspace', id: missing } }).expect(404);
      expect(notFound.body).toMatchObject({ code: 'API_KEY_SCOPE_TARGET_NOT_FOUND', details: { scope: { type: 'workspace', id: missing } } });
      expect((await post(a.admin.token, { scope: { type: 'workspace', id: b.rootWorkspaceId } }).expect(404)).body.code).toBe('API_KEY_SCOPE_TARGET_NOT_FOUND');
      const otherTeam = await createTeam(t, b.admin.token, b.id);
      expect((await post(a.admin.token, { scope: { type: 'team', id: otherTeam } }).expect(404)).body.code).toBe('TEAM_NOT_FOUND');
      expect((await post(a.admin.token, { scope: { type: 'team', id: teamT }, team_id: teamU }).expect(400)).body.code).toBe('API_KEY_SCOPE_TEAM_MISMATCH');
      for (const scope of [{ type: 'workspace' }, { type: 'team', id: 'nope' }, { type: 'galaxy' }, 'tenant']) {
        expect((await post(a.admin.token, { scope }).expect(400)).body.code).toBe('VALIDATION_FAILED');
      }
      const teamKey = await post(a.admin.token, { scope: { type: 'team', id: teamT } }).expect(201);
      expect(teamKey.body).toMatchObject({ team_id: teamT, scope: { type: 'team', id: teamT } });
      const wsKey = await post(a.admin.token, { scope: { type: 'workspace', id: w1 } }).expect(201);
      expect(wsKey.body).toMatchObject({ team_id: null, scope: { type: 'workspace', id: w1 } });
    });

    it('keeps a team-scoped key on its team: its keys only, route targets of that team only', async () => {
      const scoped = await keyOf('write', { scope: { type: 'team', id: teamT } });
      const inT = await createKey(t, a.admin.token, a.id, { team_id: teamT });
      const inU = await createKey(t, a.admin.token, a.id, { team_id: teamU });
      const tenantWide = await createKey(t, a.admin.token, a.id);
      const use = xApiKey(scoped.key);

      const listed = await t.http.get(keysPath(a.id)).set(use).expect(200);
      const ids = listed.body.items.map((k: { id: string; team_id: string }) => k.id);
      expect(ids).toEqual(expect.arrayContaining([inT.id, scoped.id]));
      expect(listed.body.items.every((k: { team_id: string }) => k.team_id === teamT)).toBe(true);
      expect((await t.http.get(keysPath(a.id)).query({ team_id: teamU }).set(use).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');

      await t.http.get(keysPath(a.id, inT.id)).set(use).expect(200);
      for (const other of [inU, tenantWide]) {
        const res = await t.http.get(keysPath(a.id, other.id)).set(use).expect(403);
        expect(res.body).toMatchObject({ code: 'API_KEY_OUT_OF_SCOPE', details: { scope: { type: 'team', id: teamT } } });
        expect((await t.http.patch(keysPath(a.id, other.id)).set(use).send({ name: 'x' }).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
        expect((await t.http.post(keysPath(a.id, other.id, 'revoke')).set(use).send({}).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
      }
      await t.http.patch(keysPath(a.id, inT.id)).set(use).send({ name: unique('renamed') }).expect(200);
      // Suspension and the usage log follow the same rule.
      for (const [other, status] of [[inU, 403], [inT, 200]] as const) {
        expect((await t.http.get(keysPath(a.id, other.id, 'usage')).set(use)).status).toBe(status);
        expect((await t.http.post(keysPath(a.id, other.id, 'suspend')).set(use).send({ reason_code: 'admin_action' })).status).toBe(status);
      }
      expect((await t.http.post(keysPath(a.id, inU.id, 'suspend')).set(use).send({ reason_code: 'admin_action' })).body.code).toBe('API_KEY_OUT_OF_SCOPE');
      await t.http.post(keysPath(a.id, inT.id, 'reactivate')).set(use).send({}).expect(200);

      // Creates only in its team; a key it creates inherits its scope.
      const made = await t.http.post(keysPath(a.id)).set(use).send({ name: unique('k'), type: 'secret', scopes: [] }).expect(201);
      expect(made.body).toMatchObject({ team_id: teamT, scope: { type: 'team', id: teamT } });
      for (const body of [{ team_id: teamU }, { scope: { type: 'tenant' } }, { scope: { type: 'team', id: teamU } }]) {
        const res = await t.http.post(keysPath(a.id)).set(use).send({ name: unique('k'), type: 'secret', scopes: [], ...body });
        expect([res.status, res.body.code]).toEqual(body.team_id ? [400, 'API_KEY_SCOPE_TEAM_MISMATCH'] : [403, 'API_KEY_OUT_OF_SCOPE']);
      }

      // Route parameters name the target everywhere else.
      await t.http.get(`/v1/probe/tenants/${a.id}/teams/${teamT}`).set(use).expect(200);
      expect((await t.http.get(`/v1/probe/tenants/${a.id}/teams/${teamU}`).set(use).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
      expect((await t.http.get(`/v1/probe/tenants/${a.id}/workspaces/${w1}`).set(use).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
      expect((await t.http.get(`/v1/probe/tenants/${a.id}`).set(use).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
      // A route naming no target acts on the key itself.
      await t.http.get('/v1/api-keys/me').set(use).expect(200);
    });

    it('keeps a workspace-scoped key inside its workspace and the workspaces below it', async () => {
      const scoped = await keyOf('write', { scope: { type: 'workspace', id: w1 } });
      const inW2 = await createKey(t, a.admin.token, a.id, { scope: { type: 'workspace', id: w2 } });
      const inW3 = await createKey(t, a.admin.token, a.id, { scope: { type: 'workspace', id: w3 } });
      const inTeam = await createKey(t, a.admin.token, a.id, { team_id: teamT });
      const use = xApiKey(scoped.key);

      for (const ws of [w1, w2]) await t.http.get(`/v1/probe/tenants/${a.id}/workspaces/${ws}`).set(use).expect(200);
      for (const ws of [w3, a.rootWorkspaceId, '00000000-0000-4000-8000-000000000002']) {
        expect((await t.http.get(`/v1/probe/tenants/${a.id}/workspaces/${ws}`).set(use).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
      }
      expect((await t.http.get(`/v1/probe/tenants/${a.id}/teams/${teamT}`).set(use).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');

      const listed = await t.http.get(keysPath(a.id)).set(use).expect(200);
      const ids = listed.body.items.map((k: { id: string }) => k.id);
      expect(ids).toEqual(expect.arrayContaining([scoped.id, inW2.id]));
      expect(ids).not.toContain(inW3.id);
      expect(ids).not.toContain(inTeam.id);
      await t.http.get(keysPath(a.id, inW2.id)).set(use).expect(200);
      expect((await t.http.get(keysPath(a.id, inW3.id)).set(use).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
      expect((await t.http.get(keysPath(a.id, inTeam.id)).set(use).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');

      const narrower = await t.http.post(keysPath(a.id)).set(use).send({ name: unique('k'), type: 'secret', scopes: [], scope: { type: 'workspace', id: w2 } });
      expect(narrower.status).toBe(201);
      const inherited = await t.http.post(keysPath(a.id)).set(use).send({ name: unique('k'), type: 'secret', scopes: [] }).expect(201);
      expect(inherited.body.scope).toEqual({ type: 'workspace', id: w1 });
      for (const scope of [{ type: 'workspace', id: w3 }, { type: 'tenant' }, { type: 'team', id: teamT }]) {
        const res = await t.http.post(keysPath(a.id)).set(use).send({ name: unique('k'), type: 'secret', scopes: [], scope });
        expect([res.status, res.body.code]).toEqual([403, 'API_KEY_OUT_OF_SCOPE']);
      }
    });

    it('follows the tree: a workspace moved out from under the scope is out of reach', async () => {
      const top = await createWorkspace(t, a.admin.token, a.id);
      const child = await createWorkspace(t, a.admin.token, a.id, top);
      const scoped = await keyOf('read', { scope: { type: 'workspace', id: top } });
      await t.http.get(`/v1/probe/tenants/${a.id}/workspaces/${child}`).set(xApiKey(scoped.key)).expect(200);
      await t.http.patch(`/v1/tenants/${a.id}/workspaces/${child}`).set(bearer(a.admin.token)).send({ parent_workspace_id: w3 }).expect(200);
      expect((await t.http.get(`/v1/probe/tenants/${a.id}/workspaces/${child}`).set(xApiKey(scoped.key)).expect(403)).body.code).toBe('API_KEY_OUT_OF_SCOPE');
    });

    it('keeps the scope on rotation', async () => {
      const scoped = await keyOf('write', { scope: { type: 'workspace', id: w2 }, allowed_ips: ['127.0.0.1', '::1'] });
      const rotated = await t.http.post(keysPath(a.id, scoped.id, 'rotate')).set(bearer(a.admin.token)).send({}).expect(201);
      expect(rotated.body).toMatchObject({ permission: 'write', scope: { type: 'workspace', id: w2 }, allowed_ips: ['127.0.0.1', '::1'] });
    });
  });

  describe('public keys and origins', () => {
    it('requires at least one origin, stores them normalised, and refuses admin, resource permissions and IP rules', async () => {
      const pub = (body: Record<string, unknown>) => post(member.token, { type: 'public', ...body });
      expect((await pub({}).expect(400)).body.code).toBe('API_KEY_ORIGINS_REQUIRED');
      expect((await pub({ allowed_origins: [] }).expect(400)).body.code).toBe('API_KEY_ORIGINS_REQUIRED');
      const bad = ['https://app.example.com/path', 'ftp://files.example.com', 'app.example.com', 'https://user:pw@app.example.com', 'https://a.example?x=1'];
      const invalid = await pub({ allowed_origins: [ORIGIN, ...bad] }).expect(400);
      expect(invalid.body).toMatchObject({ code: 'API_KEY_ORIGIN_INVALID', details: { invalid_origins: bad } });
      expect((await pub({ allowed_origins: [ORIGIN], permission: 'admin' }).expect(400)).body.code).toBe('API_KEY_PUBLIC_ADMIN_NOT_ALLOWED');
      expect((await pub({ allowed_origins: [ORIGIN], allowed_ips: ['10.0.0.1'] }).expect(400)).body.code).toBe('API_KEY_PUBLIC_IP_RULES_NOT_ALLOWED');
      const rp = [{ type: 'workspace', id: a.rootWorkspaceId, permissions: ['view'] }];
      expect((await pub({ allowed_origins: [ORIGIN], resource_permissions: rp }).expect(400)).body.code).toBe('RESOURCE_PERMISSIONS_SECRET_ONLY');
      expect((await post(member.token, { allowed_origins: [ORIGIN] }).expect(400)).body.code).toBe('API_KEY_ORIGINS_PUBLIC_ONLY');

      const made = await pub({ allowed_origins: ['HTTPS://App.Example.COM:443', 'http://localhost:3000/', 'https://app.example.com'] }).expect(201);
      expect(made.body.allowed_origins).toEqual(['https://app.example.com', 'http://localhost:3000']);
      const editBad = await t.http.patch(keysPath(a.id, made.body.id)).set(bearer(member.token)).send({ allowed_origins: [] }).expect(400);
      expect(editBad.body.code).toBe('API_KEY_ORIGINS_REQUIRED');
      const editIps = await t.http.patch(keysPath(a.id, made.body.id)).set(bearer(member.token)).send({ allowed_ips: ['10.0.0.1'] }).expect(400);
      expect(editIps.body.code).toBe('API_KEY_PUBLIC_IP_RULES_NOT_ALLOWED');
      const editAdmin = await t.http.patch(keysPath(a.id, made.body.id)).set(bearer(a.admin.token)).send({ permission: 'admin' }).expect(400);
      expect(editAdmin.body.code).toBe('API_KEY_PUBLIC_ADMIN_NOT_ALLOWED');
    });

    it('answers only from a listed Origin', async () => {
      const pub = await createKey(t, a.admin.token, a.id, { type: 'public', scopes: ['api_keys:read'], allowed_origins: [ORIGIN, 'http://localhost:3000'] });
      const list = () => t.http.get(keysPath(a.id)).set(xApiKey(pub.key));
      expect((await list().expect(403)).body.code).toBe('API_KEY_ORIGIN_NOT_ALLOWED');
      for (const origin of ['https://evil.example', 'http://app.example.com', 'https://app.example.com:8443', 'null']) {
        expect((await list().set('origin', origin).expect(403)).body.code).toBe('API_KEY_ORIGIN_NOT_ALLOWED');
      }
      await list().set('origin', ORIGIN).expect(200);
      await list().set('origin', 'http://localhost:3000').expect(200);
      // Its default level is read.
      const write = await t.http.post('/v1/probe').set(xApiKey(pub.key)).set('origin', ORIGIN).expect(403);
      expect(write.body.code).toBe('API_KEY_PERMISSION_TOO_LOW');
      // A changed list applies on the next request.
      await t.http.patch(keysPath(a.id, pub.id)).set(bearer(a.admin.token)).send({ allowed_origins: ['https://other.example'] }).expect(200);
      expect((await list().set('origin', ORIGIN).expect(403)).body.code).toBe('API_KEY_ORIGIN_NOT_ALLOWED');
      await list().set('origin', 'https://other.example').expect(200);
    });
  });

  describe('GET /creation-constraints', () => {
    it("tells each caller what it may ask for under the tenant's policy", async () => {
      const asAdmin = await t.http.get(constraintsPath(a.id)).set(bearer(a.admin.token)).expect(200);
      expect(asAdmin.body).toMatchObject({
        key_types: ['secret', 'public'],
        max_expiry_days: null,
        require_expiry: false,
        allowed_scopes: ['*'],
        permissions: { secret: ['read', 'write', 'admin'], public: ['read', 'write'] },
        default_permissions: { secret: 'write', public: 'read' },
        scope_types: ['tenant', 'workspace', 'team'],
        scope_within: null,
      });
      const ownPolicy = (await t.http.get(policyPath(a.id)).set(bearer(a.admin.token)).expect(200)).body;
      expect(asAdmin.body.max_rate_limit_per_minute).toBe(ownPolicy.max_rate_limit_per_minute ?? null);
      const asMember = await t.http.get(constraintsPath(a.id)).set(bearer(member.token)).expect(200);
      expect(asMember.body.permissions).toEqual({ secret: ['read', 'write'], public: ['read', 'write'] });

      const policy = (await t.http.get(policyPath(b.id)).set(bearer(b.admin.token)).expect(200)).body;
      await t.http
        .put(policyPath(b.id))
        .set(bearer(b.admin.token))
        .send({ ...policy, max_expiry_days: 90, allow_public_keys: false, allowed_scopes: ['api_keys:read', 'models:read'] })
        .expect(200);
      const strict = await t.http.get(constraintsPath(b.id)).set(bearer(b.admin.token)).expect(200);
      expect(strict.body).toMatchObject({ key_types: ['secret'], max_expiry_days: 90, require_expiry: true, allowed_scopes: ['api_keys:read', 'models:read'] });

      const team = await createTeam(t, a.admin.token, a.id);
      const scoped = await keyOf('read', { scope: { type: 'team', id: team } });
      const asKey = await t.http.get(constraintsPath(a.id)).set(xApiKey(scoped.key)).expect(200);
      expect(asKey.body).toMatchObject({ permissions: { secret: ['read'], public: ['read'] }, scope_types: ['team'], scope_within: { type: 'team', id: team } });

      // Another tenant does not exist for the caller.
      expect((await t.http.get(constraintsPath(b.id)).set(bearer(member.token)).expect(404)).body.code).toBe('TENANT_NOT_FOUND');
    });
  });
});
