import { randomUUID } from 'node:crypto';
import { Clock, ManualClock } from '../../src/platform';
import { bearer, createTenant, createUser, login, loginAsAdmin, startIamApp, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { startTwoInstances, TwoInstances } from '../support/two-instances';
import { describeOnServer } from '../support/test-database';
import { createKey, keysPath, LENIENT_THROTTLE, policyPath, xApiKey } from './key-fixtures';

const DAY = 24 * 3600_000;
const BASE = new Date('2026-06-01T00:00:00.000Z');
const RUN = '/v1/admin/api-keys/maintenance/run';
/** Marks the usage rows a suite inserts, apart from those the usage log writes for its requests. */
const FIXTURE_ROUTE = '/maintenance-fixture';

interface Report {
  ran: boolean;
  rotations_finalized: number;
  unused_keys_expired: number;
  usage_rows_pruned: number;
}

/** Sets the tenant policy's auto_expire_unused_days, keeping the rest of the policy. */
async function setUnusedDays(t: TestApp, token: string, tenantId: string, days: number | null): Promise<void> {
  const current = (await t.http.get(policyPath(tenantId)).set(bearer(token)).expect(200)).body;
  const res = await t.http.put(policyPath(tenantId)).set(bearer(token)).send({ ...current, auto_expire_unused_days: days }).expect(200);
  expect(res.body.auto_expire_unused_days).toBe(days);
}

/** Usage rows as the usage log writes them (the log's own writer is covered by its suite). */
async function insertUsage(t: TestApp, tenantId: string, keyId: string, at: Date[]): Promise<void> {
  for (const usedAt of at) {
    await t.dataSource.query(
      `INSERT INTO api_key_usage (tenant_id, api_key_id, used_at, method, route, status) VALUES ($1, $2, $3, 'GET', '${FIXTURE_ROUTE}', 200)`,
      [tenantId, keyId, usedAt],
    );
  }
}

describe('Key maintenance: rotations finalized, unused keys expired, usage pruned', () => {
  let t: TestApp;
  const clock = new ManualClock(BASE);
  let systemAdmin: UserFixture;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    t = await startIamApp({
      env: { ...LENIENT_THROTTLE, GATEHOUSE_API_KEY_LAST_USED_FLUSH_MS: '10' },
      override: (builder) => builder.overrideProvider(Clock).useValue(clock),
    });
    const systemToken = await loginAsAdmin(t);
    systemAdmin = { id: '', email: 'root@gatehouse.test', password: 'bootstrap-admin-password-0001', tenantId: '', token: systemToken };
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Sessions follow the clock: a fresh token at the clock's current time. */
  const tokenOf = (user: UserFixture) => login(t, user.email, user.password, user.tenantId || undefined);
  const run = async (): Promise<Report> => (await t.http.post(RUN).set(bearer(await tokenOf(systemAdmin))).send({}).expect(200)).body;
  const keyOf = async (tenant: TenantFixture, id: string) =>
    (await t.http.get(keysPath(tenant.id, id)).set(bearer(await tokenOf(tenant.admin))).expect(200)).body;
  const auditOf = async (tenant: TenantFixture, id: string) =>
    (await t.http.get(`/v1/tenants/${tenant.id}/audit?resource_type=api_key&resource_id=${id}`).set(bearer(await tokenOf(tenant.admin))).expect(200)).body
      .items as Array<{ action: string; actor: { type: string; id: string | null }; details: Record<string, unknown> }>;

  it('does each of its three duties once, with counts in the answer and in one structured log line; a second run finds nothing', async () => {
    clock.set(BASE);
    // Rotated-out keys: one past its grace by the run, one still in it.
    const rotatedPast = await createKey(t, a.admin.token, a.id);
    const successor = (await t.http.post(keysPath(a.id, rotatedPast.id, 'rotate')).set(bearer(a.admin.token)).send({ grace_period_seconds: 3600 }).expect(201)).body;
    const rotatedLater = await createKey(t, a.admin.token, a.id);
    // Unused keys of a tenant whose policy expires them after 30 days.
    await setUnusedDays(t, a.admin.token, a.id, 30);
    const neverUsed = await createKey(t, a.admin.token, a.id);
    const usedLately = await createKey(t, a.admin.token, a.id);
    const revokedUnused = await createKey(t, a.admin.token, a.id);
    await t.http.post(keysPath(a.id, revokedUnused.id, 'revoke')).set(bearer(a.admin.token)).send({ reason_code: 'user_request' }).expect(200);
    const expiringUnused = await createKey(t, a.admin.token, a.id, { expires_in_days: 10 });
    // Another tenant without the policy: its unused keys stay.
    const otherTenants = await createKey(t, b.admin.token, b.id);
    // Usage rows: old ones (past 90 days by the run), recent ones.
    await insertUsage(t, a.id, usedLately.id, [new Date(BASE.getTime() - 70 * DAY), new Date(BASE.getTime() - 60 * DAY)]);
    await insertUsage(t, b.id, otherTenants.id, [new Date(BASE.getTime() - 65 * DAY), new Date(BASE.getTime() + 20 * DAY)]);

    clock.set(new Date(BASE.getTime() + 20 * DAY));
    await t.http.post(keysPath(a.id, rotatedLater.id, 'rotate')).set(bearer(await tokenOf(a.admin))).send({ grace_period_seconds: 30 * 86_400 }).expect(201);
    await t.http.get('/v1/api-keys/me').set(xApiKey(usedLately.key)).expect(200);
    for (let i = 0; i < 200 && (await keyOf(a, usedLately.id)).last_used_at === null; i++) await new Promise((r) => setTimeout(r, 25));
    expect((await keyOf(a, usedLately.id)).last_used_at).toBe(clock.now().toISOString());

    clock.set(new Date(BASE.getTime() + 31 * DAY));
    const now = clock.now().toISOString();
    t.log.lines.length = 0;
    expect(await run()).toEqual({ ran: true, rotations_finalized: 1, unused_keys_expired: 2, usage_rows_pruned: 3 });
    const lines = t.log.lines.filter((l) => l.includes('"api_key_maintenance"')).map((l) => JSON.parse(l) as Record<string, unknown>);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ ran: true, rotations_finalized: 1, unused_keys_expired: 2, usage_rows_pruned: 3, usage_retention_days: 90 });

    expect(await keyOf(a, rotatedPast.id)).toMatchObject({ state: 'revoked', revocation_reason_code: 'rotation_completed' });
    expect(await keyOf(a, rotatedLater.id)).toMatchObject({ state: 'active', revocation_reason_code: null });
    expect(await keyOf(a, neverUsed.id)).toMatchObject({ state: 'expired', expires_at: now });
    // The rotation's successor, never used since, is as unused as any.
    expect(await keyOf(a, successor.id)).toMatchObject({ state: 'expired', expires_at: now });
    expect((await t.http.get('/v1/api-keys/me').set(xApiKey(neverUsed.key)).expect(401)).body.code).toBe('API_KEY_EXPIRED');
    expect(await keyOf(a, usedLately.id)).toMatchObject({ state: 'active', expires_at: null });
    await t.http.get('/v1/api-keys/me').set(xApiKey(usedLately.key)).expect(200);
    expect(await keyOf(a, revokedUnused.id)).toMatchObject({ state: 'revoked', revocation_reason_code: 'user_request' });
    expect((await keyOf(a, expiringUnused.id)).state).toBe('expired');
    expect(await keyOf(b, otherTenants.id)).toMatchObject({ state: 'active', expires_at: null });
    const usage: Array<{ used_at: Date }> = await t.dataSource.query(`SELECT used_at FROM api_key_usage WHERE route = $1 ORDER BY used_at`, [FIXTURE_ROUTE]);
    expect(usage.map((u) => u.used_at.toISOString())).toEqual([new Date(BASE.getTime() + 20 * DAY).toISOString()]);

    // The system's actions are in each tenant's audit trail.
    expect(await auditOf(a, rotatedPast.id)).toContainEqual(
      expect.objectContaining({ action: 'api_key.rotation_completed', actor: { type: 'system', id: null }, details: expect.objectContaining({ reason_code: 'rotation_completed' }) }),
    );
    expect(await auditOf(a, neverUsed.id)).toContainEqual(
      expect.objectContaining({ action: 'api_key.expired_unused', actor: { type: 'system', id: null }, details: expect.objectContaining({ unused_days: 30, expires_at: now }) }),
    );

    expect(await run()).toEqual({ ran: true, rotations_finalized: 0, unused_keys_expired: 0, usage_rows_pruned: 0 });
    expect((await auditOf(a, rotatedPast.id)).filter((r) => r.action === 'api_key.rotation_completed')).toHaveLength(1);
  });

  it('leaves keys alone when the policy has no auto_expire_unused_days (null), and reads it back as null', async () => {
    clock.set(BASE);
    const tenant = await createTenant(t, await tokenOf(systemAdmin));
    await setUnusedDays(t, tenant.admin.token, tenant.id, 5);
    await setUnusedDays(t, tenant.admin.token, tenant.id, null);
    const idle = await createKey(t, tenant.admin.token, tenant.id);
    clock.set(new Date(BASE.getTime() + 400 * DAY));
    await run();
    expect((await keyOf(tenant, idle.id)).state).toBe('active');
    const bad = await t.http.put(policyPath(tenant.id)).set(bearer(await tokenOf(tenant.admin))).send({
      ...(await t.http.get(policyPath(tenant.id)).set(bearer(await tokenOf(tenant.admin))).expect(200)).body,
      auto_expire_unused_days: 0,
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('VALIDATION_FAILED');
  });

  it('is for system administrators only', async () => {
    clock.set(BASE);
    const member = await createUser(t, a.admin.token, a.id);
    expect((await t.http.post(RUN).set(bearer(a.admin.token)).send({}).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.post(RUN).set(bearer(member.token)).send({}).expect(403)).body.code).toBe('FORBIDDEN');
    const key = await createKey(t, a.admin.token, a.id, { scopes: ['*'] });
    expect((await t.http.post(RUN).set(xApiKey(key.key)).send({}).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.post(RUN).send({}).expect(401)).body.code).toBe('UNAUTHENTICATED');
  });
});

describeOnServer('Key maintenance: concurrent runs on two instances do the work once', () => {
  let instances: TwoInstances;
  let one: TestApp;
  let two: TestApp;
  let tenant: TenantFixture;
  let systemToken: string;

  beforeAll(async () => {
    ({ one, two, tenant, systemToken } = instances = await startTwoInstances({ env: LENIENT_THROTTLE }));
  });
  afterAll(() => instances?.close());

  it('counts each rotation, expiry and usage row once across both runs, and audits each once', async () => {
    for (let round = 0; round < 3; round++) {
      const rotated: string[] = [];
      for (let i = 0; i < 5; i++) {
        const key = await createKey(one, tenant.admin.token, tenant.id);
        await one.http.post(keysPath(tenant.id, key.id, 'rotate')).set(bearer(tenant.admin.token)).send({}).expect(201);
        rotated.push(key.id);
      }
      // Keys idle for a year: this suite runs on the real clock, so their creation time is moved back.
      await setUnusedDays(one, tenant.admin.token, tenant.id, 30);
      const idle: string[] = [];
      for (let i = 0; i < 4; i++) idle.push((await createKey(one, tenant.admin.token, tenant.id)).id);
      await one.dataSource.query(`UPDATE api_keys SET created_at = now() - interval '365 days' WHERE id = ANY($1::uuid[])`, [idle]);
      const usageKey = randomUUID();
      await insertUsage(one, tenant.id, usageKey, Array.from({ length: 6 }, () => new Date(Date.now() - 200 * DAY)));

      const [first, second] = await Promise.all([
        one.http.post(RUN).set(bearer(systemToken)).send({}).expect(200),
        two.http.post(RUN).set(bearer(systemToken)).send({}).expect(200),
      ]);
      const reports = [first.body as Report, second.body as Report];
      const sum = (field: keyof Report) => reports.reduce((n, r) => n + Number(r[field]), 0);
      expect(reports.some((r) => r.ran)).toBe(true);
      expect(sum('rotations_finalized')).toBe(5);
      expect(sum('unused_keys_expired')).toBe(4);
      expect(sum('usage_rows_pruned')).toBe(6);
      const audits: Array<{ n: number }> = await one.dataSource.query(
        `SELECT count(*)::int AS n FROM audit_log WHERE action IN ('api_key.rotation_completed', 'api_key.expired_unused') AND resource_id = ANY($1)`,
        [[...rotated, ...idle]],
      );
      expect(audits[0].n).toBe(9);
      await setUnusedDays(one, tenant.admin.token, tenant.id, null);
    }
  });
});
