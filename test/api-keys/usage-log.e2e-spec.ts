import { UsageRecorder } from '../../src/api-keys/application/usage-recorder';
import { Clock, ManualClock } from '../../src/platform';
import { bearer, createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createReopenableDatabase, TestDatabase } from '../support/test-database';
import { createKey, keysPath, LENIENT_THROTTLE, xApiKey } from './key-fixtures';

const BASE = new Date('2026-06-01T00:00:00Z');
const AGENT = { 'user-agent': 'usage-suite/1.0' };
const usagePath = (tenantId: string, keyId: string) => `${keysPath(tenantId, keyId)}/usage`;

describe('Usage log: every authenticated use of a key, written behind, paged newest first', () => {
  let t: TestApp;
  const clock = new ManualClock(BASE);
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let member: UserFixture;

  const flush = () => t.app.get(UsageRecorder).flush();
  /** A key's usage log once everything recorded so far is written. */
  const usage = (tenantId: string, keyId: string, token: string, query = '') => ({
    expect: async (status: number) => {
      await flush();
      return t.http.get(`${usagePath(tenantId, keyId)}${query}`).set(bearer(token)).expect(status);
    },
  });

  beforeAll(async () => {
    t = await startIamApp({ env: LENIENT_THROTTLE, override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
    member = await createUser(t, a.admin.token, a.id);
  });
  afterEach(() => clock.set(BASE));
  afterAll(() => t?.close());

  it('records time (from the clock), method, route template, status, client address and user agent, including refused requests', async () => {
    const issued = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read'] });
    const other = await createKey(t, a.admin.token, a.id);
    const calls: Array<[string, string, number]> = [];
    const call = async (method: 'get' | 'post', path: string, status: number) => {
      clock.advance(1000);
      const req = method === 'get' ? t.http.get(path) : t.http.post(path).send({ name: 'made', type: 'secret' });
      await req.set(xApiKey(issued.key)).set(AGENT).expect(status);
      calls.push([method.toUpperCase(), path, status]);
    };
    await call('get', keysPath(a.id), 200);
    await call('get', keysPath(a.id, other.id), 200);
    await call('post', keysPath(a.id), 403); // scope missing: authenticated, then refused
    await call('get', keysPath(a.id, '00000000-0000-4000-8000-000000000000'), 404);
    await call('get', '/v1/api-keys/me', 200);
    await call('get', keysPath(b.id), 404); // another tenant

    const res = await usage(a.id, issued.id, a.admin.token).expect(200);
    expect(res.body.next_cursor).toBeNull();
    expect(res.body.items).toHaveLength(6);
    const routes = ['/v1/tenants/:tenant_id/api-keys', '/v1/tenants/:tenant_id/api-keys/:key_id', '/v1/tenants/:tenant_id/api-keys',
      '/v1/tenants/:tenant_id/api-keys/:key_id', '/v1/api-keys/me', '/v1/tenants/:tenant_id/api-keys'];
    const expected = calls.map(([method, , status], i) => ({
      id: expect.any(String),
      used_at: new Date(BASE.getTime() + (i + 1) * 1000).toISOString(),
      method,
      route: routes[i],
      status,
      client_address: expect.stringMatching(/127\.0\.0\.1|::1/),
      user_agent: 'usage-suite/1.0',
    }));
    expect(res.body.items).toEqual(expected.reverse());
    // Ids in the path are not logged.
    expect(JSON.stringify(res.body)).not.toContain(other.id);
  });

  it('records nothing for people, for keys refused before they authenticate, or for other keys', async () => {
    const issued = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read'] });
    const other = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read'] });
    await t.http.get(keysPath(a.id)).set(bearer(a.admin.token)).expect(200);
    await t.http.get(keysPath(a.id)).set(xApiKey(other.key)).expect(200);
    await t.http.post(keysPath(a.id, issued.id, 'revoke')).set(bearer(a.admin.token)).send({}).expect(200);
    expect((await t.http.get(keysPath(a.id)).set(xApiKey(issued.key)).expect(401)).body.code).toBe('API_KEY_REVOKED');
    expect((await usage(a.id, issued.id, a.admin.token).expect(200)).body.items).toEqual([]);
    expect((await usage(a.id, other.id, a.admin.token).expect(200)).body.items).toHaveLength(1);
  });

  it('keeps user agents exactly, quotes, commas, braces and backslashes included', async () => {
    const issued = await createKey(t, a.admin.token, a.id);
    const agents = ['say "hi", {then} \\ go\\', 'NULL', '', 'plain/1.0 (x; y)'];
    for (const agent of agents) await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).set('user-agent', agent).expect(200);
    await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).unset('user-agent').expect(200);
    const items = (await usage(a.id, issued.id, a.admin.token).expect(200)).body.items as Array<{ user_agent: string | null }>;
    expect(items.map((use) => use.user_agent).reverse()).toEqual([...agents, null]);
  });

  it('records rate-limited requests with their 429', async () => {
    const issued = await createKey(t, a.admin.token, a.id, { rate_limit: 1 });
    await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(429);
    const items = (await usage(a.id, issued.id, a.admin.token).expect(200)).body.items;
    expect(items.map((use: { status: number }) => use.status).sort()).toEqual([200, 429]);
  });

  it('pages with a cursor, newest first, without gaps or repeats', async () => {
    const issued = await createKey(t, a.admin.token, a.id);
    for (let i = 0; i < 7; i++) {
      clock.advance(i === 3 ? 0 : 500); // two uses share a timestamp: the id breaks the tie
      await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    }
    const all = (await usage(a.id, issued.id, a.admin.token).expect(200)).body.items as Array<{ id: string; used_at: string }>;
    expect(all).toHaveLength(7);
    const paged: Array<{ id: string; used_at: string }> = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await usage(a.id, issued.id, a.admin.token, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`).expect(200);
      paged.push(...res.body.items);
      cursor = res.body.next_cursor;
      pages++;
    } while (cursor);
    expect(pages).toBe(3);
    expect(paged).toEqual(all);
    const times = paged.map((use) => use.used_at);
    expect([...times].sort().reverse()).toEqual(times);
    expect((await usage(a.id, issued.id, a.admin.token, '?cursor=bm90LWEtY3Vyc29y').expect(400)).body.code).toBe('INVALID_CURSOR');
    expect((await usage(a.id, issued.id, a.admin.token, '?limit=0').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('shows the log to whoever may see the key: owner, tenant admin, system admin, the key itself; nobody else', async () => {
    const owned = await createKey(t, member.token, a.id, { scopes: ['api_keys:read'] });
    const admins = await createKey(t, a.admin.token, a.id);
    await t.http.get('/v1/api-keys/me').set(xApiKey(owned.key)).expect(200);
    await usage(a.id, owned.id, member.token).expect(200);
    await usage(a.id, owned.id, a.admin.token).expect(200);
    await usage(a.id, owned.id, systemToken).expect(200);
    expect((await usage(a.id, owned.id, owned.key).expect(200)).body.items.length).toBeGreaterThanOrEqual(1);
    expect((await usage(a.id, admins.id, member.token).expect(404)).body.code).toBe('API_KEY_NOT_FOUND');
    // Another tenant's admin, by its own path and by A's.
    expect((await usage(b.id, owned.id, b.admin.token).expect(404)).body.code).toBe('API_KEY_NOT_FOUND');
    await usage(a.id, owned.id, b.admin.token).expect(404);
    const keyOfB = await createKey(t, b.admin.token, b.id, { scopes: ['api_keys:read'] });
    await usage(a.id, owned.id, keyOfB.key).expect(404);
    await usage(a.id, 'not-a-uuid', a.admin.token).expect(400);
  });

  it("deleting a tenant takes its written uses with it, and its unwritten ones neither block nor take other tenants' uses", async () => {
    const doomed = await createTenant(t, systemToken);
    const doomedKey = await createKey(t, doomed.admin.token, doomed.id);
    const usesOf = async (tenantId: string) =>
      ((await t.dataSource.query(`SELECT count(*)::int AS n FROM api_key_usage WHERE tenant_id = $1`, [tenantId])) as Array<{ n: number }>)[0].n;
    await t.http.get('/v1/api-keys/me').set(xApiKey(doomedKey.key)).expect(200);
    await flush();
    expect(await usesOf(doomed.id)).toBe(1);
    // Answered, so recorded, but not yet written when the tenant goes.
    await t.http.get('/v1/api-keys/me').set(xApiKey(doomedKey.key)).expect(200);
    await t.http.delete(`/v1/tenants/${doomed.id}`).set(bearer(systemToken)).expect(204);
    const survivor = await createKey(t, b.admin.token, b.id);
    await t.http.get('/v1/api-keys/me').set(xApiKey(survivor.key)).set(AGENT).expect(200);
    // Written in the same batch as the deleted tenant's late use.
    const res = await usage(b.id, survivor.id, b.admin.token).expect(200);
    expect(res.body.items).toEqual([expect.objectContaining({ route: '/v1/api-keys/me', status: 200, user_agent: AGENT['user-agent'] })]);
    expect(await usesOf(doomed.id)).toBe(0);
  });
});

describe('Usage log write-behind', () => {
  let t: TestApp;

  beforeAll(async () => {
    t = await startIamApp({ env: { ...LENIENT_THROTTLE, GATEHOUSE_USAGE_BATCH_SIZE: '3', GATEHOUSE_USAGE_FLUSH_MS: '600000' } });
  });
  afterAll(() => t?.close());

  it('writes a batch as soon as it is full, without waiting for the interval', async () => {
    const a = await createTenant(t, await loginAsAdmin(t));
    const issued = await createKey(t, a.admin.token, a.id);
    const list = async () => (await t.http.get(usagePath(a.id, issued.id)).set(bearer(a.admin.token)).expect(200)).body.items as unknown[];
    await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    expect(await list()).toHaveLength(0);
    await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    // The third use filled the batch and started its write; the next read waits behind it.
    let seen = await list();
    for (let attempt = 0; seen.length < 3 && attempt < 50; attempt++) seen = await list();
    expect(seen).toHaveLength(3);
  });
});

describe('Usage log at shutdown', () => {
  let database: TestDatabase;

  beforeAll(async () => {
    database = await createReopenableDatabase();
  });
  afterAll(() => database?.drop());

  it('writes what is pending when the app closes', async () => {
    const env = { ...LENIENT_THROTTLE, GATEHOUSE_USAGE_FLUSH_MS: '600000' };
    const first = await startIamApp({ database, env });
    let tenant: TenantFixture;
    let keyId: string;
    try {
      tenant = await createTenant(first, await loginAsAdmin(first));
      const issued = await createKey(first, tenant.admin.token, tenant.id);
      keyId = issued.id;
      for (let i = 0; i < 3; i++) await first.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    } finally {
      await first.close();
    }
    const second = await startIamApp({ database, env });
    try {
      const token = await loginAsAdmin(second);
      const res = await second.http.get(usagePath(tenant.id, keyId)).set(bearer(token)).expect(200);
      expect(res.body.items).toHaveLength(3);
    } finally {
      await second.close();
    }
  });
});
