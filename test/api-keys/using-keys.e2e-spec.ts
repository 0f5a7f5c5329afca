import { KeyLookup } from '../../src/api-keys/application/ports/key-lookup';
import { LastUsedRecorder } from '../../src/api-keys/application/last-used-recorder';
import { Clock, ManualClock } from '../../src/platform';
import { bearer, createTenant, loginAsAdmin, startIamApp, TenantFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createKey, keysPath, LENIENT_THROTTLE, policyPath, xApiKey } from './key-fixtures';

const DAY = 24 * 3600_000;

describe('Using keys: headers, scopes, verification, the hot path, last use', () => {
  let t: TestApp;
  const BASE = new Date('2026-06-01T00:00:00Z');
  const clock = new ManualClock(BASE);
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    t = await startIamApp({ env: LENIENT_THROTTLE, override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
  });
  afterEach(() => clock.set(BASE));
  afterAll(() => t?.close());

  it('accepts a key as a Bearer token or in X-API-Key', async () => {
    const issued = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read'] });
    await t.http.get(keysPath(a.id)).set(bearer(issued.key)).expect(200);
    await t.http.get(keysPath(a.id)).set(xApiKey(issued.key)).expect(200);
    const me = await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    expect(me.body).toEqual({ key_id: issued.id, tenant_id: a.id, owner_id: a.admin.id, scopes: ['api_keys:read'], expires_at: null });
    expect((await t.http.get('/v1/api-keys/me').set(bearer(a.admin.token)).expect(403)).body.code).toBe('FORBIDDEN');
  });

  it('bounds a key by its scopes (403 API_KEY_SCOPE_MISSING) and keeps it off routes not open to keys', async () => {
    const reader = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read'] });
    const writer = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:write'] });
    const wildcard = await createKey(t, a.admin.token, a.id, { scopes: ['*'] });
    const denied = await t.http.post(keysPath(a.id)).set(xApiKey(reader.key)).send({ name: 'x', type: 'secret', scopes: [] }).expect(403);
    expect(denied.body).toMatchObject({ code: 'API_KEY_SCOPE_MISSING', details: { required_scope: 'api_keys:write' } });
    expect((await t.http.get(keysPath(a.id)).set(xApiKey(writer.key)).expect(403)).body.code).toBe('API_KEY_SCOPE_MISSING');
    expect((await t.http.post(keysPath(a.id, reader.id, 'revoke')).set(xApiKey(reader.key)).send({}).expect(403)).body.code).toBe('API_KEY_SCOPE_MISSING');
    // A writing key acts for its owner: it issues a key the owner owns.
    const made = await t.http.post(keysPath(a.id)).set(xApiKey(writer.key)).send({ name: 'made-by-key', type: 'secret', scopes: [] }).expect(201);
    expect(made.body.owner_id).toBe(a.admin.id);
    await t.http.get(keysPath(a.id)).set(xApiKey(wildcard.key)).expect(200);
    // Policy, admin and other modules' routes are not open to keys, whatever their scopes.
    expect((await t.http.get(policyPath(a.id)).set(xApiKey(wildcard.key)).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.get('/v1/admin/api-keys').set(xApiKey(wildcard.key)).expect(403)).body.code).toBe('FORBIDDEN');
    await t.http.get(`/v1/tenants/${a.id}/users`).set(xApiKey(wildcard.key)).expect(403);
  });

  it('verifies keys for gateways: valid, expired, revoked, invalid, and other tenants\' keys as invalid', async () => {
    const gateway = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:verify'] });
    const rp = [{ type: 'workspace', id: a.rootWorkspaceId, permissions: ['view'] }];
    const live = await createKey(t, a.admin.token, a.id, { scopes: ['models:read'], resource_permissions: rp, expires_in_days: 5 });
    const verify = (key: string, caller = gateway.key) => t.http.post('/v1/api-keys/verify').set(xApiKey(caller)).send({ key });
    expect((await verify(live.key).expect(200)).body).toEqual({
      valid: true,
      tenant_id: a.id,
      key_id: live.id,
      owner_id: a.admin.id,
      type: 'secret',
      scopes: ['models:read'],
      resource_permissions: rp,
      expires_at: new Date(BASE.getTime() + 5 * DAY).toISOString(),
      permission: 'write',
      scope: { type: 'tenant' },
      allowed_origins: [],
      allowed_ips: [],
      rate_limit: null,
    });
    expect((await verify('sk_nonsense').expect(200)).body).toEqual({ valid: false, code: 'API_KEY_INVALID' });
    const ofB = await createKey(t, b.admin.token, b.id);
    expect((await verify(ofB.key).expect(200)).body).toEqual({ valid: false, code: 'API_KEY_INVALID' });
    const revoked = await createKey(t, a.admin.token, a.id);
    await t.http.post(keysPath(a.id, revoked.id, 'revoke')).set(bearer(a.admin.token)).send({}).expect(200);
    expect((await verify(revoked.key).expect(200)).body).toMatchObject({ valid: false, code: 'API_KEY_REVOKED', key_id: revoked.id });
    clock.advance(5 * DAY);
    expect((await verify(live.key).expect(200)).body).toMatchObject({ valid: false, code: 'API_KEY_EXPIRED', key_id: live.id });
    clock.set(BASE);
    // Only keys holding api_keys:verify may ask.
    expect((await verify(live.key, live.key).expect(403)).body.code).toBe('API_KEY_SCOPE_MISSING');
    expect((await t.http.post('/v1/api-keys/verify').set(bearer(a.admin.token)).send({ key: live.key }).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.post('/v1/api-keys/verify').set(xApiKey(gateway.key)).send({}).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('does not touch the database on a repeat, yet sees a revocation at once', async () => {
    const issued = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read'] });
    const lookup = jest.spyOn(t.app.get(KeyLookup), 'findByHash');
    try {
      await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
      expect(lookup).toHaveBeenCalledTimes(1);
      for (let i = 0; i < 5; i++) await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
      expect(lookup).toHaveBeenCalledTimes(1);
      await t.http.post(keysPath(a.id, issued.id, 'revoke')).set(bearer(a.admin.token)).send({}).expect(200);
      expect((await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(401)).body.code).toBe('API_KEY_REVOKED');
      expect(lookup).toHaveBeenCalledTimes(2);
      // Malformed keys never reach the database.
      await t.http.get('/v1/api-keys/me').set(xApiKey('sk_garbage')).expect(401);
      expect(lookup).toHaveBeenCalledTimes(2);
    } finally {
      lookup.mockRestore();
    }
  });

  it('drops an edited key from the cache at once: removed scopes stop working on the next request', async () => {
    const issued = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read', 'api_keys:write'] });
    await t.http.get(keysPath(a.id)).set(xApiKey(issued.key)).expect(200);
    await t.http.patch(keysPath(a.id, issued.id)).set(xApiKey(issued.key)).send({ scopes: ['api_keys:write'] }).expect(200);
    expect((await t.http.get(keysPath(a.id)).set(xApiKey(issued.key)).expect(403)).body.code).toBe('API_KEY_SCOPE_MISSING');
  });

  it('writes last_used_at behind, at most once a minute per key', async () => {
    const issued = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read'] });
    const recorder = t.app.get(LastUsedRecorder);
    const lastUsed = async () => (await t.dataSource.query(`SELECT last_used_at FROM api_keys WHERE id = $1`, [issued.id]))[0].last_used_at;
    await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    expect(await lastUsed()).toBeNull();
    await recorder.flush();
    expect(await lastUsed()).toEqual(BASE);
    clock.advance(30_000);
    await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    await recorder.flush();
    expect(await lastUsed()).toEqual(BASE);
    clock.advance(30_000);
    await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    await recorder.flush();
    expect(await lastUsed()).toEqual(new Date(BASE.getTime() + 60_000));
    clock.set(BASE);
    expect((await t.http.get(keysPath(a.id, issued.id)).set(bearer(a.admin.token)).expect(200)).body.last_used_at).toBe(new Date(BASE.getTime() + 60_000).toISOString());
  });
});

describe('Throttling failed key attempts', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-06-01T00:00:00Z'));

  beforeAll(async () => {
    t = await startIamApp({
      env: { GATEHOUSE_API_KEY_MAX_FAILURES: '5', GATEHOUSE_API_KEY_FAILURE_WINDOW_SECONDS: '60' },
      override: (builder) => builder.overrideProvider(Clock).useValue(clock),
    });
  });
  afterAll(() => t?.close());

  it('answers 429 with Retry-After after repeated failures from one client, until the window passes', async () => {
    const systemToken = await loginAsAdmin(t);
    const tenant = await createTenant(t, systemToken);
    const good = await createKey(t, tenant.admin.token, tenant.id, { scopes: ['api_keys:read'] });
    for (let i = 0; i < 5; i++) {
      expect((await t.http.get('/v1/api-keys/me').set(xApiKey(`sk_wrong_${i}`)).expect(401)).body.code).toBe('API_KEY_INVALID');
    }
    const throttled = await t.http.get('/v1/api-keys/me').set(xApiKey('sk_wrong_again')).expect(429);
    expect(throttled.body.code).toBe('API_KEY_ATTEMPTS_THROTTLED');
    expect(Number(throttled.headers['retry-after'])).toBeGreaterThan(0);
    // While throttled, even a good key from that client waits; sessions are not affected.
    await t.http.get('/v1/api-keys/me').set(xApiKey(good.key)).expect(429);
    await t.http.get(keysPath(tenant.id)).set(bearer(tenant.admin.token)).expect(200);
    clock.advance(60_000);
    await t.http.get('/v1/api-keys/me').set(xApiKey(good.key)).expect(200);
  });
});
