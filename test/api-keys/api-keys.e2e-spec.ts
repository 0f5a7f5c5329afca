import { AuthorizationPort, Clock, ManualClock } from '../../src/platform';
import { bearer, createTeam, createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture, unique, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createKey, keysPath, LENIENT_THROTTLE, xApiKey } from './key-fixtures';

const DAY = 24 * 3600_000;

describe('API keys: issue, list, read, edit, rotate, revoke', () => {
  let t: TestApp;
  const BASE = new Date('2026-06-01T00:00:00Z');
  // Sessions last 30 minutes on this clock: each test starts back at BASE, and after moving far
  // ahead a test goes on with keys only.
  const clock = new ManualClock(BASE);
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let member: UserFixture;

  beforeAll(async () => {
    t = await startIamApp({ env: LENIENT_THROTTLE, override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
    member = await createUser(t, a.admin.token, a.id);
  });
  afterEach(() => clock.set(BASE));
  afterAll(() => t?.close());

  it('issues a secret key shown once, stored as a prefix and a hash', async () => {
    const res = await t.http
      .post(keysPath(a.id))
      .set(bearer(member.token))
      .send({ name: 'ci', type: 'secret', scopes: ['api_keys:read'], expires_in_days: 30 })
      .expect(201);
    expect(res.body.key).toMatch(/^sk_[0-9A-Za-z]{39}$/);
    expect(res.body).toMatchObject({
      tenant_id: a.id,
      owner_id: member.id,
      team_id: null,
      name: 'ci',
      type: 'secret',
      key_prefix: res.body.key.slice(0, 12),
      scopes: ['api_keys:read'],
      resource_permissions: [],
      state: 'active',
      expires_at: new Date(clock.now().getTime() + 30 * DAY).toISOString(),
      last_used_at: null,
      revoked_at: null,
    });
    const got = await t.http.get(keysPath(a.id, res.body.id)).set(bearer(member.token)).expect(200);
    expect(got.body.key).toBeUndefined();
    expect(JSON.stringify(got.body)).not.toContain(res.body.key);
    const rows = await t.dataSource.query(`SELECT key_hash, key_prefix FROM api_keys WHERE id = $1`, [res.body.id]);
    expect(rows[0].key_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(rows[0].key_hash).not.toContain(res.body.key);
    expect(rows[0].key_prefix).toBe(res.body.key.slice(0, 12));
  });

  it('issues public keys (pk_) and refuses resource permissions on them (400 RESOURCE_PERMISSIONS_SECRET_ONLY)', async () => {
    const pub = await createKey(t, member.token, a.id, { type: 'public', allowed_origins: ['https://app.example.com'] });
    expect(pub.key).toMatch(/^pk_/);
    const rp = [{ type: 'workspace', id: a.rootWorkspaceId, permissions: ['view'] }];
    const refused = await t.http.post(keysPath(a.id)).set(bearer(member.token)).send({ name: unique('p'), type: 'public', scopes: [], resource_permissions: rp }).expect(400);
    expect(refused.body.code).toBe('RESOURCE_PERMISSIONS_SECRET_ONLY');
    const patched = await t.http.patch(keysPath(a.id, pub.id)).set(bearer(member.token)).send({ resource_permissions: rp }).expect(400);
    expect(patched.body.code).toBe('RESOURCE_PERMISSIONS_SECRET_ONLY');
    const secret = await createKey(t, member.token, a.id, { resource_permissions: rp });
    expect(secret.body.resource_permissions).toEqual(rp);
  });

  it('validates input: unknown fields, bad scopes, both expiry forms, a past expiry, bad ids', async () => {
    const post = (body: Record<string, unknown>) => t.http.post(keysPath(a.id)).set(bearer(member.token)).send({ name: unique('v'), type: 'secret', scopes: [], ...body });
    expect((await post({ extra: 1 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await post({ type: 'other' }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await post({ scopes: ['no scope'] }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await post({ expires_in_days: 1, expires_at: '2027-01-01T00:00:00Z' }).expect(400)).body.code).toBe('API_KEY_EXPIRY_AMBIGUOUS');
    expect((await post({ expires_at: '2020-01-01T00:00:00Z' }).expect(400)).body.code).toBe('API_KEY_EXPIRY_IN_PAST');
    expect((await t.http.get(keysPath(a.id, 'nope')).set(bearer(member.token)).expect(400)).body.code).toBe('INVALID_ID');
    expect((await t.http.get(`${keysPath(a.id)}?state=gone`).set(bearer(member.token)).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await t.http.get(`${keysPath(a.id)}?cursor=abc`).set(bearer(member.token)).expect(400)).body.code).toBe('INVALID_CURSOR');
  });

  it('keeps names unique among the live keys of a team or owner (409 API_KEY_NAME_TAKEN), free again after revocation', async () => {
    const team = await createTeam(t, a.admin.token, a.id);
    await t.http.post(`/v1/tenants/${a.id}/teams/${team}/members`).set(bearer(a.admin.token)).send({ user_id: member.id, role: 'member' }).expect(204);
    const name = unique('dup');
    const first = await createKey(t, member.token, a.id, { name, team_id: team });
    const taken = await t.http.post(keysPath(a.id)).set(bearer(a.admin.token)).send({ name: name.toUpperCase(), type: 'secret', scopes: [], team_id: team }).expect(409);
    expect(taken.body.code).toBe('API_KEY_NAME_TAKEN');
    // The same name outside the team (a personal key) is another namespace.
    await createKey(t, member.token, a.id, { name });
    const other = await createKey(t, member.token, a.id, { team_id: team });
    expect((await t.http.patch(keysPath(a.id, other.id)).set(bearer(member.token)).send({ name }).expect(409)).body.code).toBe('API_KEY_NAME_TAKEN');
    await t.http.post(keysPath(a.id, first.id, 'revoke')).set(bearer(member.token)).send({}).expect(200);
    await t.http.patch(keysPath(a.id, other.id)).set(bearer(member.token)).send({ name }).expect(200);
  });

  it('edits a key in place: the same key keeps working with its new terms', async () => {
    const issued = await createKey(t, member.token, a.id, { scopes: ['api_keys:read'] });
    await t.http.get(keysPath(a.id)).set(xApiKey(issued.key)).expect(200);
    const res = await t.http
      .patch(keysPath(a.id, issued.id))
      .set(bearer(member.token))
      .send({ name: 'renamed', scopes: ['models:read'], expires_at: '2026-09-01T00:00:00.000Z' })
      .expect(200);
    expect(res.body).toMatchObject({ id: issued.id, name: 'renamed', scopes: ['models:read'], expires_at: '2026-09-01T00:00:00.000Z', state: 'active' });
    expect(res.body.key_prefix).toBe(issued.key.slice(0, 12));
    expect((await t.http.get(keysPath(a.id)).set(xApiKey(issued.key)).expect(403)).body.code).toBe('API_KEY_SCOPE_MISSING');
    const cleared = await t.http.patch(keysPath(a.id, issued.id)).set(bearer(member.token)).send({ expires_at: null }).expect(200);
    expect(cleared.body.expires_at).toBeNull();
  });

  it('rotates: a new key with the same settings; the old one works through the grace period, then stops (401 API_KEY_REVOKED)', async () => {
    const team = await createTeam(t, a.admin.token, a.id);
    const old = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read'], team_id: team, expires_in_days: 10 });
    clock.advance(10 * 60_000);
    const res = await t.http.post(keysPath(a.id, old.id, 'rotate')).set(bearer(a.admin.token)).send({ grace_period_seconds: 3600 }).expect(201);
    expect(res.body.key).toMatch(/^sk_/);
    expect(res.body.key).not.toBe(old.key);
    expect(res.body).toMatchObject({
      name: old.body.name,
      team_id: team,
      scopes: ['api_keys:read'],
      type: 'secret',
      rotated_from_id: old.id,
      // The same lifetime, counted from the rotation.
      expires_at: new Date(clock.now().getTime() + 10 * DAY).toISOString(),
      previous_key_revoked_at: new Date(clock.now().getTime() + 3600_000).toISOString(),
    });
    await t.http.get(keysPath(a.id)).set(xApiKey(old.key)).expect(200);
    await t.http.get(keysPath(a.id)).set(xApiKey(res.body.key)).expect(200);
    expect((await t.http.get(keysPath(a.id, old.id)).set(bearer(a.admin.token)).expect(200)).body.state).toBe('active');
    const successor = xApiKey(res.body.key);
    clock.advance(3599_000);
    await t.http.get(keysPath(a.id)).set(xApiKey(old.key)).expect(200);
    clock.advance(1000);
    expect((await t.http.get(keysPath(a.id)).set(xApiKey(old.key)).expect(401)).body.code).toBe('API_KEY_REVOKED');
    await t.http.get(keysPath(a.id)).set(xApiKey(res.body.key)).expect(200);
    expect((await t.http.get(keysPath(a.id, old.id)).set(successor).expect(200)).body).toMatchObject({ state: 'revoked', revocation_reason: 'rotated' });
    // A rotated key is retired: no second rotation, no edits.
    clock.set(BASE);
    expect((await t.http.post(keysPath(a.id, old.id, 'rotate')).set(bearer(a.admin.token)).send({}).expect(409)).body.code).toBe('API_KEY_ALREADY_REVOKED');
    expect((await t.http.patch(keysPath(a.id, old.id)).set(bearer(a.admin.token)).send({ name: 'x' }).expect(409)).body.code).toBe('API_KEY_ALREADY_REVOKED');
  });

  it('rotates without grace: the old key stops at once', async () => {
    const old = await createKey(t, member.token, a.id, { scopes: ['api_keys:read'] });
    await t.http.get(keysPath(a.id)).set(xApiKey(old.key)).expect(200);
    const res = await t.http.post(keysPath(a.id, old.id, 'rotate')).set(bearer(member.token)).send({}).expect(201);
    expect((await t.http.get(keysPath(a.id)).set(xApiKey(old.key)).expect(401)).body.code).toBe('API_KEY_REVOKED');
    await t.http.get(keysPath(a.id)).set(xApiKey(res.body.key)).expect(200);
  });

  it('revokes immediately and for good, a key in its grace period too', async () => {
    const issued = await createKey(t, member.token, a.id, { scopes: ['api_keys:read'] });
    await t.http.get(keysPath(a.id)).set(xApiKey(issued.key)).expect(200);
    const res = await t.http.post(keysPath(a.id, issued.id, 'revoke')).set(bearer(member.token)).send({ reason: 'leaked' }).expect(200);
    expect(res.body).toMatchObject({ state: 'revoked', revocation_reason: 'leaked', revoked_at: clock.now().toISOString() });
    expect((await t.http.get(keysPath(a.id)).set(xApiKey(issued.key)).expect(401)).body.code).toBe('API_KEY_REVOKED');
    expect((await t.http.post(keysPath(a.id, issued.id, 'revoke')).set(bearer(member.token)).send({}).expect(409)).body.code).toBe('API_KEY_ALREADY_REVOKED');
    clock.advance(365 * DAY);
    expect((await t.http.get(keysPath(a.id)).set(xApiKey(issued.key)).expect(401)).body.code).toBe('API_KEY_REVOKED');
    clock.set(BASE);

    const graced = await createKey(t, member.token, a.id, { scopes: ['api_keys:read'] });
    await t.http.post(keysPath(a.id, graced.id, 'rotate')).set(bearer(member.token)).send({ grace_period_seconds: 86_400 }).expect(201);
    await t.http.get(keysPath(a.id)).set(xApiKey(graced.key)).expect(200);
    await t.http.post(keysPath(a.id, graced.id, 'revoke')).set(bearer(member.token)).send({}).expect(200);
    expect((await t.http.get(keysPath(a.id)).set(xApiKey(graced.key)).expect(401)).body.code).toBe('API_KEY_REVOKED');
  });

  it('answers 401 API_KEY_EXPIRED once a key expires, API_KEY_INVALID for malformed and unknown keys', async () => {
    const issued = await createKey(t, member.token, a.id, { scopes: ['api_keys:read'], expires_in_days: 1 });
    const watcher = await createKey(t, member.token, a.id, { scopes: ['api_keys:read'] });
    await t.http.get(keysPath(a.id)).set(bearer(issued.key)).expect(200);
    clock.advance(DAY);
    expect((await t.http.get(keysPath(a.id)).set(bearer(issued.key)).expect(401)).body.code).toBe('API_KEY_EXPIRED');
    expect((await t.http.get(keysPath(a.id, issued.id)).set(xApiKey(watcher.key)).expect(200)).body.state).toBe('expired');
    const typo = issued.key.slice(0, 10) + (issued.key[10] === 'a' ? 'b' : 'a') + issued.key.slice(11);
    expect((await t.http.get(keysPath(a.id)).set(bearer(typo)).expect(401)).body.code).toBe('API_KEY_INVALID');
    expect((await t.http.get(keysPath(a.id)).set(xApiKey('not-a-key')).expect(401)).body.code).toBe('API_KEY_INVALID');
    // Well-formed, checksum right, never issued: unknown.
    const { apiKeyFrom } = await import('../../src/api-keys/domain/api-key-secret');
    const unknown = apiKeyFrom('secret', new Uint8Array(24).fill(7));
    expect((await t.http.get(keysPath(a.id)).set(xApiKey(unknown)).expect(401)).body.code).toBe('API_KEY_INVALID');
  });

  it('lists with filters (team, owner, state, expiring within days) and cursor pagination, never the key or its hash', async () => {
    const tenant = await createTenant(t, systemToken);
    const user = await createUser(t, tenant.admin.token, tenant.id);
    const team = await createTeam(t, tenant.admin.token, tenant.id);
    const soon = await createKey(t, tenant.admin.token, tenant.id, { expires_in_days: 3, team_id: team });
    const later = await createKey(t, tenant.admin.token, tenant.id, { expires_in_days: 60 });
    const mine = await createKey(t, user.token, tenant.id);
    const revoked = await createKey(t, user.token, tenant.id);
    await t.http.post(keysPath(tenant.id, revoked.id, 'revoke')).set(bearer(user.token)).send({}).expect(200);
    const expired = await createKey(t, user.token, tenant.id, { expires_in_days: 1 });
    // Read with keys from here on: the sessions end long before a day passes on this clock.
    const adminReader = await createKey(t, tenant.admin.token, tenant.id, { scopes: ['api_keys:read'], expires_in_days: 30 });
    const userReader = await createKey(t, user.token, tenant.id, { scopes: ['api_keys:read'], expires_in_days: 30 });
    const readers = [adminReader.id, userReader.id];
    clock.advance(DAY + 1000);
    const ids = async (query: string, key = adminReader.key) =>
      (await t.http.get(`${keysPath(tenant.id)}${query}`).set(xApiKey(key)).expect(200)).body.items
        .map((k: { id: string }) => k.id)
        .filter((id: string) => !readers.includes(id))
        .sort();
    expect(await ids('')).toEqual([soon.id, later.id, mine.id, revoked.id, expired.id].sort());
    expect(await ids(`?team_id=${team}`)).toEqual([soon.id]);
    expect(await ids(`?owner_id=${user.id}`)).toEqual([mine.id, revoked.id, expired.id].sort());
    expect(await ids('?state=active')).toEqual([soon.id, later.id, mine.id].sort());
    expect(await ids('?state=revoked')).toEqual([revoked.id]);
    expect(await ids('?state=expired')).toEqual([expired.id]);
    expect(await ids('?expiring_within_days=7')).toEqual([soon.id]);
    // A member sees only their own keys.
    expect(await ids('', userReader.key)).toEqual([mine.id, revoked.id, expired.id].sort());

    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res: { body: { items: Array<Record<string, unknown>>; next_cursor: string | null } } = await t.http
        .get(`${keysPath(tenant.id)}?limit=3${cursor ? `&cursor=${cursor}` : ''}`)
        .set(xApiKey(adminReader.key))
        .expect(200);
      for (const item of res.body.items) {
        expect(item.key).toBeUndefined();
        expect(item.key_hash).toBeUndefined();
        seen.push(item.id as string);
      }
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(seen.sort()).toEqual([soon.id, later.id, mine.id, revoked.id, expired.id, ...readers].sort());
  });

  it('lets owners manage their keys, tenant admins all keys, team admins see their team\'s keys; others get 404', async () => {
    const other = await createUser(t, a.admin.token, a.id);
    const lead = await createUser(t, a.admin.token, a.id);
    const team = await createTeam(t, a.admin.token, a.id);
    await t.http.post(`/v1/tenants/${a.id}/teams/${team}/members`).set(bearer(a.admin.token)).send({ user_id: lead.id, role: 'admin' }).expect(204);
    await t.http.post(`/v1/tenants/${a.id}/teams/${team}/members`).set(bearer(a.admin.token)).send({ user_id: member.id, role: 'member' }).expect(204);
    const teamKey = await createKey(t, member.token, a.id, { team_id: team });
    const personal = await createKey(t, member.token, a.id);

    expect((await t.http.get(keysPath(a.id, personal.id)).set(bearer(other.token)).expect(404)).body.code).toBe('API_KEY_NOT_FOUND');
    await t.http.post(keysPath(a.id, personal.id, 'revoke')).set(bearer(other.token)).send({}).expect(404);
    await t.http.patch(keysPath(a.id, personal.id)).set(bearer(other.token)).send({ name: 'x' }).expect(404);
    await t.http.post(keysPath(a.id, personal.id, 'rotate')).set(bearer(other.token)).send({}).expect(404);
    // A team admin sees the team's key, but only its owner or a tenant admin changes it.
    await t.http.get(keysPath(a.id, teamKey.id)).set(bearer(lead.token)).expect(200);
    await t.http.get(keysPath(a.id, personal.id)).set(bearer(lead.token)).expect(404);
    expect((await t.http.post(keysPath(a.id, teamKey.id, 'revoke')).set(bearer(lead.token)).send({}).expect(403)).body.code).toBe('FORBIDDEN');
    const leadList = await t.http.get(keysPath(a.id)).set(bearer(lead.token)).expect(200);
    expect(leadList.body.items.map((k: { id: string }) => k.id)).toContain(teamKey.id);
    expect(leadList.body.items.map((k: { id: string }) => k.id)).not.toContain(personal.id);
    // A key on a team its creator cannot see: 404.
    const foreignTeam = await createTeam(t, a.admin.token, a.id);
    expect((await t.http.post(keysPath(a.id)).set(bearer(other.token)).send({ name: 'x', type: 'secret', scopes: [], team_id: foreignTeam }).expect(404)).body.code).toBe('TEAM_NOT_FOUND');
    // The tenant admin manages every key of the tenant.
    await t.http.patch(keysPath(a.id, personal.id)).set(bearer(a.admin.token)).send({ name: unique('by-admin') }).expect(200);
    await t.http.post(keysPath(a.id, personal.id, 'revoke')).set(bearer(a.admin.token)).send({}).expect(200);
  });

  it('keeps tenants apart: another tenant\'s keys and routes answer 404, and RLS alone hides its rows', async () => {
    const keyOfA = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read', 'api_keys:write'] });
    const keyOfB = await createKey(t, b.admin.token, b.id, { scopes: ['api_keys:read'] });
    expect((await t.http.get(keysPath(a.id)).set(bearer(b.admin.token)).expect(404)).body.code).toBe('TENANT_NOT_FOUND');
    await t.http.get(keysPath(a.id, keyOfA.id)).set(bearer(b.admin.token)).expect(404);
    await t.http.post(keysPath(a.id)).set(bearer(b.admin.token)).send({ name: 'x', type: 'secret', scopes: [] }).expect(404);
    await t.http.patch(keysPath(a.id, keyOfA.id)).set(bearer(b.admin.token)).send({ name: 'x' }).expect(404);
    await t.http.post(keysPath(a.id, keyOfA.id, 'rotate')).set(bearer(b.admin.token)).send({}).expect(404);
    await t.http.post(keysPath(a.id, keyOfA.id, 'revoke')).set(bearer(b.admin.token)).send({}).expect(404);
    // A's key id under B's tenant path: not found there either.
    await t.http.get(keysPath(b.id, keyOfA.id)).set(bearer(b.admin.token)).expect(404);
    // A key of B never reaches A, whatever its scopes.
    await t.http.get(keysPath(a.id)).set(xApiKey(keyOfB.key)).expect(404);
    await t.http.get(keysPath(a.id, keyOfA.id)).set(xApiKey(keyOfB.key)).expect(404);
    await t.http.post(keysPath(a.id, keyOfA.id, 'revoke')).set(xApiKey(keyOfA.key)).send({}).expect(200);

    const seen = await t.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL ROLE app_user`);
      await m.query(`SELECT set_config('app.current_tenant', $1, true)`, [b.id]);
      return m.query(`SELECT id FROM api_keys`);
    });
    expect(seen.map((r: { id: string }) => r.id)).toContain(keyOfB.id);
    expect(seen.map((r: { id: string }) => r.id)).not.toContain(keyOfA.id);
  });

  it('lets system administrators list every tenant\'s keys, filterable; nobody else', async () => {
    const keyOfA = await createKey(t, a.admin.token, a.id);
    const keyOfB = await createKey(t, b.admin.token, b.id);
    const all = await t.http.get('/v1/admin/api-keys?limit=100').set(bearer(systemToken)).expect(200);
    const ids = all.body.items.map((k: { id: string }) => k.id);
    expect(ids).toEqual(expect.arrayContaining([keyOfA.id, keyOfB.id]));
    const onlyB = await t.http.get(`/v1/admin/api-keys?tenant_id=${b.id}&limit=100`).set(bearer(systemToken)).expect(200);
    expect(onlyB.body.items.every((k: { tenant_id: string }) => k.tenant_id === b.id)).toBe(true);
    expect(onlyB.body.items.map((k: { id: string }) => k.id)).toContain(keyOfB.id);
    expect((await t.http.get('/v1/admin/api-keys').set(bearer(a.admin.token)).expect(403)).body.code).toBe('FORBIDDEN');
    // System administrators manage any tenant's keys, but a key is owned by a user of its own tenant.
    await t.http.get(keysPath(b.id, keyOfB.id)).set(bearer(systemToken)).expect(200);
    await t.http.patch(keysPath(b.id, keyOfB.id)).set(bearer(systemToken)).send({ name: unique('sys') }).expect(200);
    expect((await t.http.post(keysPath(b.id)).set(bearer(systemToken)).send({ name: 'x', type: 'secret', scopes: [] }).expect(403)).body.code).toBe(
      'API_KEY_OWNER_OUTSIDE_TENANT',
    );
  });

  it("places keys in the authorization graph (schema.zed api_key: tenant, owner, team) and removes them on revocation", async () => {
    const team = await createTeam(t, a.admin.token, a.id);
    const issued = await createKey(t, a.admin.token, a.id, { team_id: team });
    const authorization = t.app.get(AuthorizationPort);
    const stored = async () =>
      (await authorization.readRelationships({ resourceType: 'api_key', resourceId: issued.id }))
        .map((r) => `${r.relation}@${r.subject.type}:${r.subject.id}`)
        .sort();
    expect(await stored()).toEqual([`owner@user:${a.admin.id}`, `team@team:${team}`, `tenant@tenant:${a.id}`].sort());
    expect(await authorization.check({ type: 'user', id: a.admin.id }, 'manage', { type: 'api_key', id: issued.id })).toBe(true);
    expect(await authorization.check({ type: 'user', id: member.id }, 'manage', { type: 'api_key', id: issued.id })).toBe(false);
    await t.http.post(keysPath(a.id, issued.id, 'revoke')).set(bearer(a.admin.token)).send({}).expect(200);
    expect(await stored()).toEqual([]);
  });

  it('asks for a credential (401 UNAUTHENTICATED) without one', async () => {
    expect((await t.http.get(keysPath(a.id)).expect(401)).body.code).toBe('UNAUTHENTICATED');
  });
});
