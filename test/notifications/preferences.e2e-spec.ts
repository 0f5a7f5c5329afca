import { createKey, policyPath, xApiKey } from '../api-keys/key-fixtures';
import { bearer, createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { policyWith, PREFERENCES } from './notification-fixtures';

describe('Notifications: my API key reminder preferences', () => {
  let t: TestApp;
  let a: TenantFixture;
  let member: UserFixture;

  const get = (token: string) => t.http.get(PREFERENCES).set(bearer(token));
  const put = (token: string, body: unknown) => t.http.put(PREFERENCES).set(bearer(token)).send(body as object);
  const storedRow = (userId: string) =>
    t.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL ROLE app_system');
      return (await m.query(`SELECT * FROM api_key_notification_preferences WHERE user_id = $1`, [userId]))[0];
    });

  beforeAll(async () => {
    t = await startIamApp();
    const systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    member = await createUser(t, a.admin.token, a.id);
  });
  afterAll(() => t?.close());

  it('shows the defaults, and the tenant default as the effective days, before anything is saved', async () => {
    expect((await get(member.token).expect(200)).body).toEqual({
      enabled: true,
      days_before_expiry: null,
      effective_days_before_expiry: 7,
      uses_tenant_default: true,
      capped_by_policy: false,
      reminders_active: true,
      auto_follow: true,
      auto_follow_tenant_keys: false,
      channels: ['email'],
      saved: false,
      tenant_policy: { enabled: true, default_days_before_expiry: 7, max_days_before_expiry: 30 },
    });
    expect(await storedRow(member.id)).toBeUndefined();
  });

  it('saves my own choice, keeps what a change leaves out, and returns to the tenant default with null', async () => {
    const user = await createUser(t, a.admin.token, a.id);
    const saved = (await put(user.token, { days_before_expiry: 14, channels: ['email', 'webhook', 'email'] }).expect(200)).body;
    expect(saved).toMatchObject({ days_before_expiry: 14, effective_days_before_expiry: 14, uses_tenant_default: false, channels: ['email', 'webhook'], saved: true });
    expect((await get(user.token).expect(200)).body).toEqual(saved);
    expect(await storedRow(user.id)).toMatchObject({ tenant_id: a.id, days_before_expiry: 14, enabled: true, channels: ['email', 'webhook'] });

    const disabled = (await put(user.token, { enabled: false }).expect(200)).body;
    expect(disabled).toMatchObject({ enabled: false, days_before_expiry: 14, reminders_active: false, channels: ['email', 'webhook'] });

    const back = (await put(user.token, { days_before_expiry: null, channels: [] }).expect(200)).body;
    expect(back).toMatchObject({ days_before_expiry: null, effective_days_before_expiry: 7, uses_tenant_default: true, channels: [], enabled: false });
    expect(await storedRow(user.id)).toMatchObject({ days_before_expiry: null, channels: [] });
  });

  it('refuses days outside 1 to the tenant maximum with DAYS_BEFORE_EXPIRY_EXCEEDS_POLICY, changing nothing', async () => {
    const user = await createUser(t, a.admin.token, a.id);
    await put(user.token, { days_before_expiry: 30 }).expect(200);
    for (const days of [31, 0, -3, 366, 1e9]) {
      const res = await put(user.token, { days_before_expiry: days, enabled: false }).expect(400);
      expect(res.body).toMatchObject({
        statusCode: 400,
        code: 'DAYS_BEFORE_EXPIRY_EXCEEDS_POLICY',
        details: { days_before_expiry: days, min_days_before_expiry: 1, max_days_before_expiry: 30 },
      });
    }
    expect((await get(user.token).expect(200)).body).toMatchObject({ days_before_expiry: 30, enabled: true });
    await put(user.token, { days_before_expiry: 1 }).expect(200);
  });

  it('answers malformed bodies with VALIDATION_FAILED, never a 500', async () => {
    const user = await createUser(t, a.admin.token, a.id);
    const bad: unknown[] = [
      { days_before_expiry: '7' },
      { days_before_expiry: [7, 14] },
      { days_before_expiry: 7.5 },
      { days_before_expiry: {} },
      { enabled: 'yes' },
      { channels: ['sms'] },
      { channels: 'email' },
      { channels: [null] },
      { auto_follow: null },
      { unknown_field: true },
      [],
      [{ enabled: false }],
    ];
    for (const body of bad) {
      const res = await put(user.token, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    const raw = await t.http.put(PREFERENCES).set(bearer(user.token)).set('content-type', 'application/json').send('{"enabled": tru');
    expect(raw.status).toBe(400);
    expect(await storedRow(user.id)).toBeUndefined();
  });

  it('shows a choice above a lowered tenant maximum as capped, and follows the tenant default', async () => {
    const b = await createTenant(t, await loginAsAdmin(t));
    const user = await createUser(t, b.admin.token, b.id);
    await put(user.token, { days_before_expiry: 20 }).expect(200);
    await t.http.put(policyPath(b.id)).set(bearer(b.admin.token)).send(policyWith({ default_days_before_expiry: 5, max_days_before_expiry: 10 })).expect(200);
    expect((await get(user.token).expect(200)).body).toMatchObject({
      days_before_expiry: 20,
      effective_days_before_expiry: 10,
      capped_by_policy: true,
      tenant_policy: { enabled: true, default_days_before_expiry: 5, max_days_before_expiry: 10 },
    });
    expect((await put(user.token, { days_before_expiry: 20 }).expect(400)).body.code).toBe('DAYS_BEFORE_EXPIRY_EXCEEDS_POLICY');
    // A change that leaves the days out is not refused for the old choice.
    await put(user.token, { channels: ['webhook'] }).expect(200);
    await t.http.put(policyPath(b.id)).set(bearer(b.admin.token)).send(policyWith({ enabled: false, default_days_before_expiry: 3, max_days_before_expiry: 10 })).expect(200);
    const other = await createUser(t, b.admin.token, b.id);
    expect((await get(other.token).expect(200)).body).toMatchObject({ effective_days_before_expiry: 3, uses_tenant_default: true, reminders_active: false });
  });

  it('lets only tenant admins follow every key of the tenant', async () => {
    const res = await put(member.token, { auto_follow_tenant_keys: true }).expect(403);
    expect(res.body.code).toBe('AUTO_FOLLOW_TENANT_KEYS_ADMINS_ONLY');
    expect((await get(member.token).expect(200)).body).toMatchObject({ auto_follow_tenant_keys: false, saved: false });
    expect((await put(a.admin.token, { auto_follow_tenant_keys: true }).expect(200)).body).toMatchObject({ auto_follow_tenant_keys: true });
    expect((await put(a.admin.token, { auto_follow_tenant_keys: false }).expect(200)).body).toMatchObject({ auto_follow_tenant_keys: false });
  });

  it("keeps each tenant's preference rows to itself under row-level security", async () => {
    const b = await createTenant(t, await loginAsAdmin(t));
    const user = await createUser(t, a.admin.token, a.id);
    await put(user.token, { days_before_expiry: 9 }).expect(200);
    const asTenant = (tenantId: string, sql: string, params: unknown[]) =>
      t.dataSource.transaction(async (m) => {
        await m.query('SET LOCAL ROLE app_user');
        await m.query(`SELECT set_config('app.current_tenant', $1, true)`, [tenantId]);
        return m.query(sql, params);
      });
    expect(await asTenant(b.id, `SELECT user_id FROM api_key_notification_preferences WHERE user_id = $1`, [user.id])).toEqual([]);
    expect(await asTenant(a.id, `SELECT days_before_expiry FROM api_key_notification_preferences WHERE user_id = $1`, [user.id])).toEqual([
      { days_before_expiry: 9 },
    ]);
    const [, updated] = await asTenant(b.id, `UPDATE api_key_notification_preferences SET enabled = false WHERE user_id = $1`, [user.id]);
    expect(updated).toBe(0);
    await expect(
      asTenant(b.id, `INSERT INTO api_key_notification_preferences (user_id, tenant_id) VALUES ($1, $2)`, [member.id, a.id]),
    ).rejects.toThrow(/row-level security/);
  });

  it('is for people: no credential is 401, an API key is 403', async () => {
    expect((await t.http.get(PREFERENCES).expect(401)).body.code).toBe('UNAUTHENTICATED');
    const { key } = await createKey(t, member.token, a.id, { scopes: ['api_keys:read'] });
    expect((await t.http.get(PREFERENCES).set(xApiKey(key)).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.put(PREFERENCES).set(xApiKey(key)).send({ enabled: false }).expect(403)).body.code).toBe('FORBIDDEN');
  });
});
