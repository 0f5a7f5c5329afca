import { policyPath } from '../api-keys/key-fixtures';
import { bearer, createTenant, loginAsAdmin, startIamApp, TenantFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { policyWith } from './notification-fixtures';

describe("Notifications: the tenant's notification policy (key policy API)", () => {
  let t: TestApp;
  let systemToken: string;

  const put = (tenant: TenantFixture, body: unknown) => t.http.put(policyPath(tenant.id)).set(bearer(tenant.admin.token)).send(body as object);
  const notificationPolicyOf = async (tenant: TenantFixture) =>
    (await t.http.get(policyPath(tenant.id)).set(bearer(tenant.admin.token)).expect(200)).body.notification_policy;
  const storedPolicy = (tenantId: string) =>
    t.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL ROLE app_system');
      return (await m.query(`SELECT api_key_policy FROM tenants WHERE id = $1`, [tenantId]))[0].api_key_policy;
    });

  beforeAll(async () => {
    t = await startIamApp();
    systemToken = await loginAsAdmin(t);
  });
  afterAll(() => t?.close());

  it('refuses a maximum below the default with a 400 naming both values, changing nothing', async () => {
    const a = await createTenant(t, systemToken);
    await put(a, policyWith({ default_days_before_expiry: 14, max_days_before_expiry: 30 })).expect(200);
    const res = await put(a, policyWith({ default_days_before_expiry: 14, max_days_before_expiry: 10 })).expect(400);
    expect(res.body).toMatchObject({
      statusCode: 400,
      error: 'Bad Request',
      code: 'NOTIFICATION_POLICY_DEFAULT_EXCEEDS_MAX',
      details: { default_days_before_expiry: 14, max_days_before_expiry: 10 },
    });
    expect(res.body.message).toContain('14');
    expect(res.body.message).toContain('10');
    expect(res.body.message).toContain('lower_default_to_max');
    expect(await notificationPolicyOf(a)).toEqual({ enabled: true, default_days_before_expiry: 14, max_days_before_expiry: 30 });
  });

  it('lowers the default to the new maximum when the request says so', async () => {
    const a = await createTenant(t, systemToken);
    const res = await put(a, policyWith({ default_days_before_expiry: 14, max_days_before_expiry: 10, lower_default_to_max: true })).expect(200);
    expect(res.body.notification_policy).toEqual({ enabled: true, default_days_before_expiry: 10, max_days_before_expiry: 10 });
    expect(await notificationPolicyOf(a)).toEqual({ enabled: true, default_days_before_expiry: 10, max_days_before_expiry: 10 });
    expect((await storedPolicy(a.id)).notification_policy).toEqual({ enabled: true, default_days_before_expiry: 10, max_days_before_expiry: 10 });
    // A default already within the maximum is left as it is.
    await put(a, policyWith({ default_days_before_expiry: 3, max_days_before_expiry: 20, lower_default_to_max: true })).expect(200);
    expect(await notificationPolicyOf(a)).toEqual({ enabled: true, default_days_before_expiry: 3, max_days_before_expiry: 20 });
    await put(a, policyWith({ default_days_before_expiry: 3, max_days_before_expiry: 20, lower_default_to_max: false })).expect(200);
  });

  it('accepts legacy lists of days and stores their largest', async () => {
    const a = await createTenant(t, systemToken);
    const res = await put(a, policyWith({ default_days_before_expiry: [3, 7, 5], max_days_before_expiry: [14, 30] })).expect(200);
    expect(res.body.notification_policy).toEqual({ enabled: true, default_days_before_expiry: 7, max_days_before_expiry: 30 });
    expect((await storedPolicy(a.id)).notification_policy).toEqual({ enabled: true, default_days_before_expiry: 7, max_days_before_expiry: 30 });
    await put(a, policyWith({ default_days_before_expiry: [9], max_days_before_expiry: 9 })).expect(200);
    expect(await notificationPolicyOf(a)).toEqual({ enabled: true, default_days_before_expiry: 9, max_days_before_expiry: 9 });
    const inverted = await put(a, policyWith({ default_days_before_expiry: [1, 20], max_days_before_expiry: [5, 15] })).expect(400);
    expect(inverted.body).toMatchObject({ code: 'NOTIFICATION_POLICY_DEFAULT_EXCEEDS_MAX', details: { default_days_before_expiry: 20, max_days_before_expiry: 15 } });
    await put(a, policyWith({ default_days_before_expiry: [1, 20], max_days_before_expiry: [5, 15], lower_default_to_max: true })).expect(200);
    expect(await notificationPolicyOf(a)).toEqual({ enabled: true, default_days_before_expiry: 15, max_days_before_expiry: 15 });
  });

  it('answers every malformed notification policy with VALIDATION_FAILED, never a 500, changing nothing', async () => {
    const a = await createTenant(t, systemToken);
    await put(a, policyWith({})).expect(200);
    const before = await storedPolicy(a.id);
    const badDays: unknown[] = [[], ['7'], [[7]], [7, 'x'], [7, null], null, '7', 7.5, -1, 366, [400], [1.5, 2.5], {}, true];
    const bodies: unknown[] = [
      ...badDays.map((days) => policyWith({ default_days_before_expiry: days })),
      ...badDays.map((days) => policyWith({ max_days_before_expiry: days })),
      policyWith({ lower_default_to_max: 'yes' }),
      policyWith({ lower_default_to_max: null }),
      policyWith({ unknown: 1 }),
      policyWith({ enabled: 'true' }),
      { ...policyWith({}), notification_policy: null },
      { ...policyWith({}), notification_policy: [] },
      { ...policyWith({}), notification_policy: [{ enabled: true, default_days_before_expiry: 7, max_days_before_expiry: 30 }] },
      { ...policyWith({}), notification_policy: 'x' },
      { ...policyWith({}), notification_policy: { enabled: true, default_days_before_expiry: 7 } },
      { ...policyWith({}), notification_policy: undefined },
    ];
    for (const body of bodies) {
      const res = await put(a, body);
      expect({ body, status: res.status, code: res.body.code }).toEqual({ body, status: 400, code: 'VALIDATION_FAILED' });
    }
    expect(await storedPolicy(a.id)).toEqual(before);
  });
});
