import { Clock, ManualClock } from '../../src/platform';
import { bearer, createTenant, createUser, login, loginAsAdmin, startIamApp, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { startTwoInstances, TwoInstances } from '../support/two-instances';
import { describeOnServer } from '../support/test-database';
import { createKey, keysPath, LENIENT_THROTTLE, xApiKey } from './key-fixtures';

const DAY = 24 * 3600_000;
const BASE = new Date('2026-05-01T08:00:00.000Z');
const SUSPEND = { reason_code: 'abuse_detected', reason_text: 'spike of requests from an unknown network' };

describe('Key lifecycle: suspension, reactivation, reasons, and the order of states', () => {
  let t: TestApp;
  const clock = new ManualClock(BASE);
  let a: TenantFixture;
  let b: TenantFixture;
  let member: UserFixture;
  let gateway: string;

  beforeAll(async () => {
    t = await startIamApp({ env: LENIENT_THROTTLE, override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    const systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
    member = await createUser(t, a.admin.token, a.id);
    gateway = (await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:verify'] })).key;
  });
  afterAll(async () => {
    await t?.close();
  });
  beforeEach(() => clock.set(BASE));

  /** Sessions follow the clock too: a token of `user` valid at the clock's current time. */
  const tokens = new Map<string, string>();
  const tokenOf = async (user: UserFixture): Promise<string> => {
    const slot = `${user.email}@${clock.now().getTime()}`;
    if (!tokens.has(slot)) tokens.set(slot, await login(t, user.email, user.password, user.tenantId));
    return tokens.get(slot)!;
  };
  const use = (key: string) => t.http.get('/v1/api-keys/me').set(xApiKey(key));
  const codeOf = async (key: string) => (await use(key).expect(401)).body.code as string;
  const verify = async (key: string) => (await t.http.post('/v1/api-keys/verify').set(xApiKey(gateway)).send({ key }).expect(200)).body;
  const stateOf = async (id: string) => (await t.http.get(keysPath(a.id, id)).set(bearer(await tokenOf(a.admin))).expect(200)).body.state as string;
  /** A lifecycle call by `user`, expecting `status`; the answer's body. */
  const post = async (user: UserFixture, id: string, action: string, body: Record<string, unknown> = {}, status = 200) =>
    (await t.http.post(keysPath(a.id, id, action)).set(bearer(await tokenOf(user))).send(body).expect(status)).body;
  const listed = async (state: string) =>
    ((await t.http.get(`${keysPath(a.id)}?state=${state}&limit=100`).set(bearer(await tokenOf(member))).expect(200)).body.items as Array<{ id: string }>).map(
      (k) => k.id,
    );

  it('suspends with a reason (401 API_KEY_SUSPENDED after the secret matched), then reactivates: the key works again', async () => {
    const issued = await createKey(t, await tokenOf(member), a.id);
    await use(issued.key).expect(200);
    const suspended = await post(member, issued.id, 'suspend', SUSPEND);
    expect(suspended).toMatchObject({
      state: 'suspended',
      suspended_at: BASE.toISOString(),
      suspension_reason_code: 'abuse_detected',
      suspension_reason_text: SUSPEND.reason_text,
      revoked_at: null,
      revocation_reason_code: null,
    });
    expect(await codeOf(issued.key)).toBe('API_KEY_SUSPENDED');
    expect(await verify(issued.key)).toMatchObject({ valid: false, code: 'API_KEY_SUSPENDED', key_id: issued.id });
    expect(await listed('suspended')).toContain(issued.id);
    expect(await listed('active')).not.toContain(issued.id);

    clock.advance(3600_000);
    const reactivated = await post(a.admin, issued.id, 'reactivate', {});
    expect(reactivated).toMatchObject({ state: 'active', suspended_at: null, suspension_reason_code: null, suspension_reason_text: null });
    await use(issued.key).expect(200);
    expect(await verify(issued.key)).toMatchObject({ valid: true, key_id: issued.id });
    expect(await listed('active')).toContain(issued.id);
    expect(await listed('suspended')).not.toContain(issued.id);
  });

  it('refuses transitions that make no sense with 409 and a code naming the state', async () => {
    const key = await createKey(t, await tokenOf(member), a.id);
    expect((await post(member, key.id, 'reactivate', {}, 409)).code).toBe('API_KEY_NOT_SUSPENDED');
    await post(member, key.id, 'suspend', { reason_code: 'user_request' });
    expect((await post(member, key.id, 'suspend', { reason_code: 'user_request' }, 409)).code).toBe('API_KEY_ALREADY_SUSPENDED');
    await post(member, key.id, 'revoke', { reason_code: 'user_offboarding' });
    expect((await post(member, key.id, 'suspend', { reason_code: 'user_request' }, 409)).code).toBe('API_KEY_ALREADY_REVOKED');
    expect((await post(member, key.id, 'reactivate', {}, 409)).code).toBe('API_KEY_ALREADY_REVOKED');
    expect((await post(member, key.id, 'revoke', {}, 409)).code).toBe('API_KEY_ALREADY_REVOKED');

    const expiring = await createKey(t, await tokenOf(member), a.id, { expires_in_days: 1 });
    await post(member, expiring.id, 'suspend', { reason_code: 'other' });
    clock.advance(DAY);
    expect((await post(member, expiring.id, 'reactivate', {}, 409)).code).toBe('API_KEY_ALREADY_EXPIRED');
    const expired = await createKey(t, await tokenOf(member), a.id, { expires_at: new Date(clock.now().getTime() + 60_000).toISOString() });
    clock.advance(60_000);
    expect((await post(member, expired.id, 'suspend', { reason_code: 'other' }, 409)).code).toBe('API_KEY_ALREADY_EXPIRED');
  });

  it('takes reason codes from the fixed list only, reason_text up to 500 characters, and no unknown fields', async () => {
    const key = await createKey(t, await tokenOf(member), a.id);
    const bad = async (action: string, body: Record<string, unknown>, code = 'VALIDATION_FAILED') =>
      expect((await post(member, key.id, action, body, 400)).code).toBe(code);
    await bad('suspend', {});
    await bad('suspend', { reason_code: 'because' });
    await bad('suspend', { reason_code: 'other', reason_text: 'x'.repeat(501) });
    await bad('suspend', { reason_code: 'other', note: 'x' });
    await bad('revoke', { reason_code: 'because' });
    await bad('revoke', { reason_code: 'other', reason_text: 'x'.repeat(501) });
    await bad('revoke', { reason_text: 'one', reason: 'two' }, 'API_KEY_REASON_AMBIGUOUS');
    expect(await stateOf(key.id)).toBe('active');
    const suspended = await post(member, key.id, 'suspend', { reason_code: 'security_concern', reason_text: 'x'.repeat(500) });
    expect(suspended.suspension_reason_text).toHaveLength(500);
  });

  it('shows revocation reasons on the key; the older reason field still works as reason_text (code other)', async () => {
    const coded = await createKey(t, await tokenOf(member), a.id);
    const revoked = await post(member, coded.id, 'revoke', { reason_code: 'key_compromised', reason_text: 'pasted in a public issue' });
    expect(revoked).toMatchObject({
      state: 'revoked',
      revocation_reason_code: 'key_compromised',
      revocation_reason_text: 'pasted in a public issue',
      revocation_reason: 'pasted in a public issue',
    });
    expect((await t.http.get(keysPath(a.id, coded.id)).set(bearer(a.admin.token)).expect(200)).body.revocation_reason_code).toBe('key_compromised');

    const legacy = await createKey(t, await tokenOf(member), a.id);
    const old = await post(member, legacy.id, 'revoke', { reason: 'no longer needed' });
    expect(old).toMatchObject({ revocation_reason_code: 'other', revocation_reason_text: 'no longer needed', revocation_reason: 'no longer needed' });
  });

  it('ranks the states: revoked, then expired, then past its rotation grace, then suspended', async () => {
    // Revoked outright wins over expiry (and over suspension).
    const revoked = await createKey(t, await tokenOf(member), a.id, { expires_in_days: 1 });
    await post(member, revoked.id, 'suspend', { reason_code: 'other' });
    await post(member, revoked.id, 'revoke', { reason_code: 'policy_violation' });
    clock.advance(2 * DAY);
    expect(await stateOf(revoked.id)).toBe('revoked');
    expect(await codeOf(revoked.key)).toBe('API_KEY_REVOKED');
    expect(await listed('revoked')).toContain(revoked.id);
    expect(await listed('expired')).not.toContain(revoked.id);
    clock.set(BASE);

    // Expired wins over suspension.
    const suspended = await createKey(t, await tokenOf(member), a.id, { expires_in_days: 1 });
    await post(member, suspended.id, 'suspend', { reason_code: 'other' });
    expect(await codeOf(suspended.key)).toBe('API_KEY_SUSPENDED');
    clock.advance(DAY);
    expect(await stateOf(suspended.id)).toBe('expired');
    expect(await codeOf(suspended.key)).toBe('API_KEY_EXPIRED');
    expect(await listed('expired')).toContain(suspended.id);
    expect(await listed('suspended')).not.toContain(suspended.id);
    clock.set(BASE);

    // Expired wins over a rotation's grace running out (the grace never outlasts the key's expiry).
    const rotatedOut = await createKey(t, await tokenOf(member), a.id, { expires_in_days: 1 });
    const rotation = await post(member, rotatedOut.id, 'rotate', { grace_period_seconds: 2 * 86_400 }, 201);
    expect(rotation.previous_key_revoked_at).toBe(rotatedOut.body.expires_at);
    clock.advance(DAY);
    expect(await stateOf(rotatedOut.id)).toBe('expired');
    expect(await codeOf(rotatedOut.key)).toBe('API_KEY_EXPIRED');
    clock.set(BASE);

    // Past its rotation grace counts as revoked, and wins over suspension.
    const graced = await createKey(t, await tokenOf(member), a.id);
    await post(member, graced.id, 'rotate', { grace_period_seconds: 3600 }, 201);
    await post(member, graced.id, 'suspend', { reason_code: 'security_concern' });
    expect(await stateOf(graced.id)).toBe('suspended');
    expect(await codeOf(graced.key)).toBe('API_KEY_SUSPENDED');
    clock.advance(3600_000);
    expect(await stateOf(graced.id)).toBe('revoked');
    expect(await codeOf(graced.key)).toBe('API_KEY_REVOKED');
    expect(await listed('revoked')).toContain(graced.id);
  });

  it('lets owners and tenant admins suspend and reactivate; other members and other tenants get 404', async () => {
    const key = await createKey(t, await tokenOf(member), a.id);
    const other = await createUser(t, a.admin.token, a.id);
    expect((await post(other, key.id, 'suspend', { reason_code: 'other' }, 404)).code).toBe('API_KEY_NOT_FOUND');
    expect((await t.http.post(keysPath(a.id, key.id, 'suspend')).set(bearer(b.admin.token)).send({ reason_code: 'other' }).expect(404)).body.code).toBe(
      'TENANT_NOT_FOUND',
    );
    expect((await t.http.post(keysPath(b.id, key.id, 'suspend')).set(bearer(b.admin.token)).send({ reason_code: 'other' }).expect(404)).body.code).toBe(
      'API_KEY_NOT_FOUND',
    );
    await post(a.admin, key.id, 'suspend', { reason_code: 'admin_action' });
    expect((await post(other, key.id, 'reactivate', {}, 404)).code).toBe('API_KEY_NOT_FOUND');
    await post(member, key.id, 'reactivate', {});
    expect((await t.http.post(keysPath(a.id, key.id, 'suspend')).send({ reason_code: 'other' }).expect(401)).body.code).toBe('UNAUTHENTICATED');
  });
});

describeOnServer('Suspension reaches every instance on the next request', () => {
  let instances: TwoInstances;
  let one: TestApp;
  let two: TestApp;
  let tenant: TenantFixture;

  beforeAll(async () => {
    ({ one, two, tenant } = instances = await startTwoInstances({ env: LENIENT_THROTTLE }));
  });
  afterAll(() => instances?.close());

  it('suspended on one instance, refused by the other; reactivated on the other, accepted by the first', async () => {
    for (let round = 0; round < 3; round++) {
      const issued = await createKey(one, tenant.admin.token, tenant.id);
      for (const app of [one, two]) await app.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
      await one.http.post(keysPath(tenant.id, issued.id, 'suspend')).set(bearer(tenant.admin.token)).send({ reason_code: 'security_concern' }).expect(200);
      expect((await two.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(401)).body.code).toBe('API_KEY_SUSPENDED');
      expect((await one.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(401)).body.code).toBe('API_KEY_SUSPENDED');
      await two.http.post(keysPath(tenant.id, issued.id, 'reactivate')).set(bearer(tenant.admin.token)).send({}).expect(200);
      await one.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
      await two.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    }
  });
});
