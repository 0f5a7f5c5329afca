import { createHmac } from 'node:crypto';
import { ApiKeyLifecycle1732320000017 } from '../../migrations/1732320000017-api-key-lifecycle';
import { ApiKeyOwnerState1732320000018 } from '../../migrations/1732320000018-api-key-owner-state';
import { Clock, ManualClock } from '../../src/platform';
import { bearer, createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { describeOnServer } from '../support/test-database';
import { startTwoInstances, TwoInstances } from '../support/two-instances';
import { createKey, keysPath, LENIENT_THROTTLE, xApiKey } from './key-fixtures';
import { ProbeRoutesModule } from './probe-routes.module';

// The clock stands still: a cached key never ages out, so whatever changes is the owner's doing.
const BASE = new Date('2026-05-01T08:00:00.000Z');
const userPath = (user: UserFixture): string => `/v1/tenants/${user.tenantId}/users/${user.id}`;

describe('A key follows its owner: a disabled owner stops it, a demoted owner caps it', () => {
  let t: TestApp;
  let a: TenantFixture;
  let gateway: string;

  beforeAll(async () => {
    const clock = new ManualClock(BASE);
    t = await startIamApp({ env: LENIENT_THROTTLE, imports: [ProbeRoutesModule], override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    a = await createTenant(t, await loginAsAdmin(t));
    gateway = (await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:verify'] })).key;
  });
  afterAll(() => t?.close());

  const changeUser = (user: UserFixture, body: Record<string, unknown>) => t.http.patch(userPath(user)).set(bearer(a.admin.token)).send(body).expect(200);
  const verify = async (key: string) => (await t.http.post('/v1/api-keys/verify').set(xApiKey(gateway)).send({ key }).expect(200)).body;
  const codeOf = async (key: string) => (await t.http.get('/v1/api-keys/me').set(xApiKey(key)).expect(401)).body.code as string;
  const metadata = async (id: string) => (await t.http.get(keysPath(a.id, id)).set(bearer(a.admin.token)).expect(200)).body;

  it('disabled owner: 401 API_KEY_OWNER_DISABLED on key routes and in /verify, the key\'s own state unchanged; re-enabled: works again', async () => {
    const owner = await createUser(t, a.admin.token, a.id);
    const issued = await createKey(t, owner.token, a.id, { scopes: ['api_keys:read'] });
    await t.http.get(keysPath(a.id, issued.id)).set(xApiKey(issued.key)).expect(200);
    expect(await verify(issued.key)).toMatchObject({ valid: true, key_id: issued.id });

    await changeUser(owner, { disabled: true });
    const refused = await t.http.get(keysPath(a.id, issued.id)).set(xApiKey(issued.key)).expect(401);
    expect(refused.body).toMatchObject({ code: 'API_KEY_OWNER_DISABLED', statusCode: 401 });
    expect(await codeOf(issued.key)).toBe('API_KEY_OWNER_DISABLED');
    expect(await verify(issued.key)).toMatchObject({ valid: false, code: 'API_KEY_OWNER_DISABLED', key_id: issued.id });
    expect((await metadata(issued.id)).state).toBe('active');

    await changeUser(owner, { disabled: false });
    await t.http.get(keysPath(a.id, issued.id)).set(xApiKey(issued.key)).expect(200);
    expect(await verify(issued.key)).toMatchObject({ valid: true, key_id: issued.id });
  });

  it('the key\'s own state comes first: a disabled owner\'s revoked or suspended key says so; an unknown key stays invalid', async () => {
    const owner = await createUser(t, a.admin.token, a.id);
    const revoked = await createKey(t, owner.token, a.id);
    const suspended = await createKey(t, owner.token, a.id);
    const live = await createKey(t, owner.token, a.id);
    await t.http.post(keysPath(a.id, revoked.id, 'revoke')).set(bearer(a.admin.token)).send({}).expect(200);
    await t.http.post(keysPath(a.id, suspended.id, 'suspend')).set(bearer(a.admin.token)).send({ reason_code: 'other' }).expect(200);
    await changeUser(owner, { disabled: true });
    expect(await codeOf(revoked.key)).toBe('API_KEY_REVOKED');
    expect(await codeOf(suspended.key)).toBe('API_KEY_SUSPENDED');
    expect(await codeOf(live.key)).toBe('API_KEY_OWNER_DISABLED');
    // Only a matching secret learns about the owner.
    const forged = live.key.slice(0, -8) + (live.key.endsWith('A') ? 'B' : 'A') + live.key.slice(-7);
    expect(await codeOf(forged)).toBe('API_KEY_INVALID');
  });

  it('demoted owner: an admin key is held to write (DELETE 403 API_KEY_PERMISSION_TOO_LOW, GET and POST work); promoted again: DELETE works', async () => {
    const owner = await createUser(t, a.admin.token, a.id, { role: 'admin' });
    const issued = await createKey(t, owner.token, a.id, { scopes: ['*'], permission: 'admin' });
    await t.http.delete('/v1/probe').set(xApiKey(issued.key)).expect(200);

    await changeUser(owner, { role: 'member' });
    const refused = await t.http.delete('/v1/probe').set(xApiKey(issued.key)).expect(403);
    expect(refused.body).toMatchObject({ code: 'API_KEY_PERMISSION_TOO_LOW', details: { permission: 'write', required_permission: 'admin' } });
    await t.http.get('/v1/probe').set(xApiKey(issued.key)).expect(200);
    await t.http.post('/v1/probe').set(xApiKey(issued.key)).expect(200);
    expect(await verify(issued.key)).toMatchObject({ valid: true, permission: 'write' });
    // The key keeps its stored level: promoting the owner gives it back.
    expect((await metadata(issued.id)).permission).toBe('admin');

    await changeUser(owner, { role: 'admin' });
    await t.http.delete('/v1/probe').set(xApiKey(issued.key)).expect(200);
    expect(await verify(issued.key)).toMatchObject({ valid: true, permission: 'admin' });
  });

  it('a member\'s write key is not raised by anything: the effective level is the lower of key and owner', async () => {
    const owner = await createUser(t, a.admin.token, a.id, { role: 'admin' });
    const reader = await createKey(t, owner.token, a.id, { scopes: ['*'], permission: 'read' });
    await changeUser(owner, { role: 'member' });
    expect(await verify(reader.key)).toMatchObject({ valid: true, permission: 'read' });
    expect((await t.http.post('/v1/probe').set(xApiKey(reader.key)).expect(403)).body.code).toBe('API_KEY_PERMISSION_TOO_LOW');
  });

  describe('the migration', () => {
    const lookupDefinition = async () =>
      (
        await t.dataSource.query(
          `SELECT pg_get_functiondef(p.oid) AS definition, p.proacl::text AS acl FROM pg_proc p WHERE p.proname = 'api_key_by_hash'`,
        )
      )[0] as { definition: string; acl: string };
    const ownerTrigger = () => t.dataSource.query(`SELECT 1 FROM pg_trigger WHERE tgname = 'users_key_owner_changed'`);
    const inTransaction = (work: (q: Parameters<ApiKeyOwnerState1732320000018['up']>[0]) => Promise<void>) =>
      t.dataSource.transaction((m) => work(m.queryRunner!));

    it('down() restores the previous lookup exactly; up() again leaves a working lookup and trigger', async () => {
      const owner = await createUser(t, a.admin.token, a.id);
      const issued = await createKey(t, owner.token, a.id);
      const hash = createHmac('sha256', t.config.secrets.keyPepper).update(issued.key).digest('hex');
      const migration = new ApiKeyOwnerState1732320000018();

      await inTransaction((q) => migration.down(q));
      const restored = await lookupDefinition();
      expect(restored.definition).not.toContain('owner_');
      expect(await ownerTrigger()).toHaveLength(0);
      expect(await t.dataSource.query(`SELECT id FROM api_key_by_hash($1)`, [hash])).toEqual([{ id: issued.id }]);
      // What the previous migration itself creates, byte for byte, grants included.
      const previous = new ApiKeyLifecycle1732320000017();
      await inTransaction(async (q) => {
        await previous.down(q);
        await previous.up(q);
      });
      expect(await lookupDefinition()).toEqual(restored);

      await inTransaction((q) => migration.up(q));
      expect(await ownerTrigger()).toHaveLength(1);
      expect(await t.dataSource.query(`SELECT id, owner_disabled_at, owner_role FROM api_key_by_hash($1)`, [hash])).toEqual([
        { id: issued.id, owner_disabled_at: null, owner_role: 'member' },
      ]);
      await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
      await changeUser(owner, { disabled: true });
      expect(await codeOf(issued.key)).toBe('API_KEY_OWNER_DISABLED');
      await changeUser(owner, { disabled: false });
      await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    });
  });
});

describeOnServer('An owner\'s change reaches every instance on the next request', () => {
  let instances: TwoInstances;
  let one: TestApp;
  let two: TestApp;
  let tenant: TenantFixture;

  beforeAll(async () => {
    ({ one, two, tenant } = instances = await startTwoInstances({ env: LENIENT_THROTTLE, imports: [ProbeRoutesModule] }));
  });
  afterAll(() => instances?.close());

  // Each instance has its own embedded SpiceDB, which knows the tenant's admin only on the first.
  const changeUser = (user: UserFixture, body: Record<string, unknown>) =>
    one.http.patch(userPath(user)).set(bearer(tenant.admin.token)).send(body).expect(200);

  it('disabled through one instance, refused by the other on its next request; re-enabled, accepted by both', async () => {
    for (let round = 0; round < 3; round++) {
      const owner = await createUser(one, tenant.admin.token, tenant.id);
      const issued = await createKey(one, owner.token, tenant.id);
      for (const app of [one, two]) await app.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
      await changeUser(owner, { disabled: true });
      expect((await two.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(401)).body.code).toBe('API_KEY_OWNER_DISABLED');
      expect((await one.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(401)).body.code).toBe('API_KEY_OWNER_DISABLED');
      await changeUser(owner, { disabled: false });
      await two.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
      await one.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    }
  });

  it('demoted through one instance, capped by the other on its next request; promoted again, restored there too', async () => {
    const owner = await createUser(one, tenant.admin.token, tenant.id, { role: 'admin' });
    const issued = await createKey(one, owner.token, tenant.id, { permission: 'admin' });
    for (const app of [one, two]) await app.http.delete('/v1/probe').set(xApiKey(issued.key)).expect(200);
    await changeUser(owner, { role: 'member' });
    expect((await two.http.delete('/v1/probe').set(xApiKey(issued.key)).expect(403)).body.code).toBe('API_KEY_PERMISSION_TOO_LOW');
    await two.http.get('/v1/probe').set(xApiKey(issued.key)).expect(200);
    await changeUser(owner, { role: 'admin' });
    await two.http.delete('/v1/probe').set(xApiKey(issued.key)).expect(200);
  });
});
