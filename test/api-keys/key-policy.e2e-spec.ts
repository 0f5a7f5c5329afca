import { Clock, ManualClock } from '../../src/platform';
import { bearer, createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture, unique, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createKey, keysPath, policyPath } from './key-fixtures';

const DAY = 24 * 3600_000;
const POLICY = {
  max_expiry_days: 90,
  require_expiry: true,
  allow_public_keys: false,
  allowed_scopes: ['models:read', 'api_keys:verify'],
  notification_policy: { enabled: true, default_days_before_expiry: 14, max_days_before_expiry: 30 },
  auto_expire_unused_days: null,
  max_rate_limit_per_minute: null,
};

describe('Tenant key policy', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-06-01T00:00:00Z'));
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let member: UserFixture;

  beforeAll(async () => {
    t = await startIamApp({ override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
    member = await createUser(t, a.admin.token, a.id);
  });
  afterAll(() => t?.close());

  const post = (body: Record<string, unknown>) =>
    t.http.post(keysPath(a.id)).set(bearer(member.token)).send({ name: unique('k'), type: 'secret', scopes: [], ...body });

  it('starts permissive and reads back what a tenant admin puts', async () => {
    const initial = await t.http.get(policyPath(a.id)).set(bearer(a.admin.token)).expect(200);
    expect(initial.body).toEqual({
      max_expiry_days: null,
      require_expiry: false,
      allow_public_keys: true,
      allowed_scopes: ['*'],
      notification_policy: { enabled: true, default_days_before_expiry: 7, max_days_before_expiry: 30 },
      auto_expire_unused_days: null,
      max_rate_limit_per_minute: null,
    });
    const before = await createKey(t, member.token, a.id, { type: 'public', scopes: ['anything:goes'], allowed_origins: ['https://app.example.com'] });
    expect(before.key).toMatch(/^pk_/);
    expect((await t.http.put(policyPath(a.id)).set(bearer(a.admin.token)).send(POLICY).expect(200)).body).toEqual(POLICY);
    expect((await t.http.get(policyPath(a.id)).set(bearer(a.admin.token)).expect(200)).body).toEqual(POLICY);
    // B is untouched.
    expect((await t.http.get(policyPath(b.id)).set(bearer(b.admin.token)).expect(200)).body.max_expiry_days).toBeNull();
  });

  it('holds creation to it: maximum expiry (with the maximum in details), required expiry, public keys, scopes', async () => {
    const tooLong = await post({ expires_in_days: 91, scopes: ['models:read'] }).expect(400);
    expect(tooLong.body.code).toBe('API_KEY_EXPIRY_EXCEEDS_POLICY');
    expect(tooLong.body.details).toEqual({ max_expiry_days: 90, latest_expires_at: new Date(clock.now().getTime() + 90 * DAY).toISOString() });
    expect((await post({ expires_at: new Date(clock.now().getTime() + 100 * DAY).toISOString() }).expect(400)).body.code).toBe('API_KEY_EXPIRY_EXCEEDS_POLICY');
    expect((await post({}).expect(400)).body.code).toBe('API_KEY_EXPIRY_EXCEEDS_POLICY');
    expect((await post({ type: 'public', expires_in_days: 30, allowed_origins: ['https://app.example.com'] }).expect(400)).body.code).toBe('API_KEY_PUBLIC_NOT_ALLOWED');
    const scope = await post({ expires_in_days: 30, scopes: ['models:read', 'models:write'] }).expect(400);
    expect(scope.body).toMatchObject({ code: 'API_KEY_SCOPE_NOT_ALLOWED', details: { scopes: ['models:write'] } });
    await post({ expires_in_days: 90, scopes: ['models:read'] }).expect(201);
  });

  it('requires an expiry when it says so, without a maximum too', async () => {
    await t.http.put(policyPath(a.id)).set(bearer(a.admin.token)).send({ ...POLICY, max_expiry_days: null }).expect(200);
    expect((await post({}).expect(400)).body.code).toBe('API_KEY_EXPIRY_REQUIRED');
    await post({ expires_in_days: 3650 }).expect(201);
    await t.http.put(policyPath(a.id)).set(bearer(a.admin.token)).send(POLICY).expect(200);
  });

  it('holds edits and rotation to it', async () => {
    const key = await createKey(t, member.token, a.id, { expires_in_days: 60, scopes: ['models:read'] });
    expect((await t.http.patch(keysPath(a.id, key.id)).set(bearer(member.token)).send({ expires_in_days: 120 }).expect(400)).body.code).toBe(
      'API_KEY_EXPIRY_EXCEEDS_POLICY',
    );
    expect((await t.http.patch(keysPath(a.id, key.id)).set(bearer(member.token)).send({ expires_at: null }).expect(400)).body.code).toBe(
      'API_KEY_EXPIRY_EXCEEDS_POLICY',
    );
    expect((await t.http.patch(keysPath(a.id, key.id)).set(bearer(member.token)).send({ scopes: ['admin:all'] }).expect(400)).body.code).toBe(
      'API_KEY_SCOPE_NOT_ALLOWED',
    );
    await t.http.patch(keysPath(a.id, key.id)).set(bearer(member.token)).send({ expires_in_days: 90, scopes: ['api_keys:verify'] }).expect(200);
    // The policy tightens: a rotation keeps the key's lifetime (90 days), now past the maximum.
    await t.http.put(policyPath(a.id)).set(bearer(a.admin.token)).send({ ...POLICY, max_expiry_days: 30, notification_policy: { ...POLICY.notification_policy, default_days_before_expiry: 7 } }).expect(200);
    const rotate = await t.http.post(keysPath(a.id, key.id, 'rotate')).set(bearer(member.token)).send({}).expect(400);
    expect(rotate.body).toMatchObject({ code: 'API_KEY_EXPIRY_EXCEEDS_POLICY', details: { max_expiry_days: 30 } });
    // Refused as a whole: the old key is untouched.
    expect((await t.http.get(keysPath(a.id, key.id)).set(bearer(member.token)).expect(200)).body).toMatchObject({ state: 'active', revoked_at: null });
    await t.http.put(policyPath(a.id)).set(bearer(a.admin.token)).send(POLICY).expect(200);
    await t.http.post(keysPath(a.id, key.id, 'rotate')).set(bearer(member.token)).send({}).expect(201);
  });

  it('is for tenant admins (members 403, other tenants 404) and validated whole', async () => {
    expect((await t.http.get(policyPath(a.id)).set(bearer(member.token)).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.put(policyPath(a.id)).set(bearer(member.token)).send(POLICY).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.get(policyPath(a.id)).set(bearer(b.admin.token)).expect(404)).body.code).toBe('TENANT_NOT_FOUND');
    expect((await t.http.put(policyPath(a.id)).set(bearer(b.admin.token)).send(POLICY).expect(404)).body.code).toBe('TENANT_NOT_FOUND');
    await t.http.get(policyPath(a.id)).set(bearer(systemToken)).expect(200);
    const put = (body: Record<string, unknown>) => t.http.put(policyPath(a.id)).set(bearer(a.admin.token)).send(body);
    const { require_expiry: _omitted, ...partial } = POLICY;
    expect((await put(partial).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await put({ ...POLICY, max_expiry_days: 0 }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await put({ ...POLICY, allowed_scopes: ['bad scope'] }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await put({ ...POLICY, extra: true }).expect(400)).body.code).toBe('VALIDATION_FAILED');
    const inconsistent = { ...POLICY, notification_policy: { enabled: true, default_days_before_expiry: 40, max_days_before_expiry: 30 } };
    expect((await put(inconsistent).expect(400)).body.code).toBe('NOTIFICATION_POLICY_DEFAULT_EXCEEDS_MAX');
    expect((await t.http.get(policyPath(a.id)).set(bearer(a.admin.token)).expect(200)).body).toEqual(POLICY);
  });
});
