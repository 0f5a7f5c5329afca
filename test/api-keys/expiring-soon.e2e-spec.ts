import { Clock, ManualClock } from '../../src/platform';
import { bearer, createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createKey, keysPath, LENIENT_THROTTLE, xApiKey } from './key-fixtures';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const BASE = new Date('2026-06-01T00:00:00Z');
const at = (ms: number) => new Date(BASE.getTime() + ms).toISOString();

interface ExpiringItem {
  id: string;
  name: string;
  expires_at: string;
  severity: string;
  state: string;
}

describe('Expiring soon: keys by severity, for a tenant and across tenants', () => {
  let t: TestApp;
  const clock = new ManualClock(BASE);
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let member: UserFixture;
  const ids: Record<string, string> = {};

  /** A tenant admin's key without expiry: it outlives the sessions while the clock moves on. */
  let adminKey: string;
  const view = (tenantId: string, token: string, query = '') => t.http.get(`${keysPath(tenantId)}/expiring-soon${query}`).set(bearer(token));
  const names = (items: ExpiringItem[]) => items.map((item) => item.name);

  beforeAll(async () => {
    t = await startIamApp({ env: LENIENT_THROTTLE, override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
    member = await createUser(t, a.admin.token, a.id);
    const keys: Array<[string, number | null]> = [['in-1h', HOUR], ['in-2d', 2 * DAY], ['in-5d', 5 * DAY], ['in-12d', 12 * DAY], ['in-20d', 20 * DAY], ['in-40d', 40 * DAY], ['never', null]];
    for (const [name, offset] of keys) {
      ids[name] = (await createKey(t, a.admin.token, a.id, { name, ...(offset === null ? {} : { expires_at: at(offset) }) })).id;
    }
    const revoked = await createKey(t, a.admin.token, a.id, { name: 'revoked-in-2d', expires_at: at(2 * DAY) });
    await t.http.post(keysPath(a.id, revoked.id, 'revoke')).set(bearer(a.admin.token)).send({}).expect(200);
    ids.member = (await createKey(t, member.token, a.id, { name: 'member-in-4d', expires_at: at(4 * DAY), permission: 'read' })).id;
    ids.b = (await createKey(t, b.admin.token, b.id, { name: 'b-in-1d', expires_at: at(DAY) })).id;
    adminKey = (await createKey(t, a.admin.token, a.id, { name: 'admin-reader', scopes: ['api_keys:read'] })).key;
  });
  afterEach(() => clock.set(BASE));
  afterAll(() => t?.close());

  it('counts live keys by severity within the window, expired ones from the last `days` days included, revoked ones left out', async () => {
    clock.advance(2 * HOUR);
    const res = await view(a.id, adminKey).expect(200);
    expect(res.body).toMatchObject({
      total_count: 6,
      counts_by_severity: { expired: 1, urgent: 1, warning: 3, notice: 1 },
      earliest_expiration: at(2 * DAY),
      truncated: false,
    });
    const items = res.body.items as ExpiringItem[];
    expect(names(items)).toEqual(['in-1h', 'in-2d', 'member-in-4d', 'in-5d', 'in-12d', 'in-20d']);
    expect(items.map((item) => item.severity)).toEqual(['expired', 'urgent', 'warning', 'warning', 'warning', 'notice']);
    expect(items[0]).toMatchObject({ id: ids['in-1h'], state: 'expired', expires_at: at(HOUR) });

    const week = await view(a.id, adminKey, '?days=7').expect(200);
    expect(week.body).toMatchObject({ total_count: 4, counts_by_severity: { expired: 1, urgent: 1, warning: 2, notice: 0 } });
  });

  it('caps the items and says so', async () => {
    const res = await view(a.id, a.admin.token, '?limit=2').expect(200);
    expect(res.body.total_count).toBe(6);
    expect(names(res.body.items)).toEqual(['in-1h', 'in-2d']);
    expect(res.body.truncated).toBe(true);
  });

  it('moves keys between buckets as the clock moves, and drops keys that expired longer ago than the window', async () => {
    clock.advance(32 * DAY);
    const res = await view(a.id, adminKey).expect(200);
    // in-1h and in-2d expired more than 30 days ago; in-40d has 8 days left.
    expect(res.body).toMatchObject({
      total_count: 5,
      counts_by_severity: { expired: 4, urgent: 0, warning: 1, notice: 0 },
      earliest_expiration: at(40 * DAY),
    });
    expect(names(res.body.items)).toEqual(['member-in-4d', 'in-5d', 'in-12d', 'in-20d', 'in-40d']);
    clock.set(new Date(BASE.getTime() + 37 * DAY));
    expect((await view(a.id, adminKey).expect(200)).body.counts_by_severity.urgent).toBe(1);
    clock.set(new Date(BASE.getTime() + 40 * DAY));
    const none = await view(a.id, adminKey).expect(200);
    expect(none.body.earliest_expiration).toBeNull();
    // Expired within the last 30 days: in-12d, in-20d, in-40d (the 4- and 5-day keys lapsed 35+ days ago).
    expect(none.body.counts_by_severity).toEqual({ expired: 3, urgent: 0, warning: 0, notice: 0 });
    expect(names(none.body.items)).toEqual(['in-12d', 'in-20d', 'in-40d']);
  });

  it('puts the 3- and 14-day boundaries in the nearer bucket', async () => {
    const tenant = await createTenant(t, systemToken);
    for (const [name, offset] of [['three', 3 * DAY], ['fourteen', 14 * DAY], ['past-fourteen', 14 * DAY + 1000]] as const) {
      await createKey(t, tenant.admin.token, tenant.id, { name, expires_at: at(offset) });
    }
    const res = await view(tenant.id, tenant.admin.token).expect(200);
    expect((res.body.items as ExpiringItem[]).map((item) => [item.name, item.severity])).toEqual([
      ['three', 'urgent'],
      ['fourteen', 'warning'],
      ['past-fourteen', 'notice'],
    ]);
  });

  it('shows each caller only the keys it may see, in its own tenant', async () => {
    const mine = await view(a.id, member.token).expect(200);
    expect(mine.body.total_count).toBe(1);
    expect(names(mine.body.items)).toEqual(['member-in-4d']);
    expect((await view(a.id, b.admin.token).expect(404)).body.code).toBe('TENANT_NOT_FOUND');
    const reader = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read'] });
    expect((await t.http.get(`${keysPath(a.id)}/expiring-soon`).set(xApiKey(reader.key)).expect(200)).body.total_count).toBe(6);
    expect((await view(a.id, a.admin.token, '?days=0').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await view(a.id, a.admin.token, '?mode=mine').expect(400)).body.code).toBe('VALIDATION_FAILED');
    expect((await view(a.id, a.admin.token, '?limit=501').expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('mode=subscribed keeps the keys the caller follows', async () => {
    await t.dataSource.query(`DELETE FROM api_key_notification_subscriptions WHERE user_id = $1`, [a.admin.id]);
    for (const name of ['in-2d', 'in-20d', 'in-40d']) {
      await t.dataSource.query(
        `INSERT INTO api_key_notification_subscriptions (user_id, api_key_id, tenant_id, source) VALUES ($1, $2, $3, 'manual')`,
        [a.admin.id, ids[name], a.id],
      );
    }
    const res = await view(a.id, a.admin.token, '?mode=subscribed').expect(200);
    expect(res.body).toMatchObject({ total_count: 2, counts_by_severity: { expired: 0, urgent: 1, warning: 0, notice: 1 } });
    expect(names(res.body.items)).toEqual(['in-2d', 'in-20d']);
    // Following keys you cannot see shows nothing of them.
    await t.dataSource.query(
      `INSERT INTO api_key_notification_subscriptions (user_id, api_key_id, tenant_id, source) VALUES ($1, $2, $3, 'manual') ON CONFLICT DO NOTHING`,
      [member.id, ids['in-2d'], a.id],
    );
    const followed = await view(a.id, member.token, '?mode=subscribed').expect(200);
    expect(names(followed.body.items)).not.toContain('in-2d');
  });

  it('GET /v1/admin/api-keys/expiring-soon: every tenant for system administrators, nobody else', async () => {
    const all = await t.http.get('/v1/admin/api-keys/expiring-soon').set(bearer(systemToken)).expect(200);
    const allNames = names(all.body.items);
    expect(allNames).toEqual(expect.arrayContaining(['in-2d', 'member-in-4d', 'b-in-1d']));
    expect(allNames).not.toContain('revoked-in-2d');
    const onlyB = await t.http.get(`/v1/admin/api-keys/expiring-soon?tenant_id=${b.id}`).set(bearer(systemToken)).expect(200);
    expect(onlyB.body).toMatchObject({ total_count: 1, counts_by_severity: { expired: 0, urgent: 1, warning: 0, notice: 0 }, earliest_expiration: at(DAY) });
    expect(onlyB.body.items[0]).toMatchObject({ id: ids.b, tenant_id: b.id, severity: 'urgent' });
    await t.http.get('/v1/admin/api-keys/expiring-soon').set(bearer(a.admin.token)).expect(403);
    const key = await createKey(t, a.admin.token, a.id, { scopes: ['*'] });
    await t.http.get('/v1/admin/api-keys/expiring-soon').set(xApiKey(key.key)).expect(403);
  });
});
