import { createKey, xApiKey } from '../api-keys/key-fixtures';
import { bearer, createTeam, createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { PREFERENCES, storedSubscriptions, subscriptionPath, SUBSCRIPTIONS } from './notification-fixtures';

describe('Notifications: following API keys', () => {
  let t: TestApp;
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;

  const follow = (token: string, tenantId: string, keyId: string) => t.http.put(subscriptionPath(tenantId, keyId)).set(bearer(token));
  const unfollow = (token: string, tenantId: string, keyId: string) => t.http.delete(subscriptionPath(tenantId, keyId)).set(bearer(token));
  const listOf = async (token: string, query = '') => (await t.http.get(`${SUBSCRIPTIONS}${query}`).set(bearer(token)).expect(200)).body;
  /** A user who follows nothing automatically, so each test starts from what it does itself. */
  const quietUser = async (tenant: TenantFixture, role: 'admin' | 'member' = 'member') => {
    const user = await createUser(t, tenant.admin.token, tenant.id, { role });
    await t.http.put(PREFERENCES).set(bearer(user.token)).send({ auto_follow: false }).expect(200);
    return user;
  };

  beforeAll(async () => {
    t = await startIamApp();
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
  });
  afterAll(() => t?.close());

  it('follows a key I may view, lists it with the key, and unfollows it', async () => {
    const owner = await quietUser(a);
    const key = await createKey(t, owner.token, a.id, { expires_in_days: 30 });
    expect(await storedSubscriptions(t, key.id)).toEqual([]);

    const res = await follow(owner.token, a.id, key.id).expect(200);
    expect(res.body).toEqual({
      api_key_id: key.id,
      tenant_id: a.id,
      source: 'manual',
      created_at: expect.any(String),
      api_key: { name: key.body.name, key_prefix: key.body.key_prefix, team_id: null, expires_at: key.body.expires_at, revoked_at: null },
    });
    await follow(owner.token, a.id, key.id).expect(200);
    expect(await listOf(owner.token)).toEqual({ items: [res.body], next_cursor: null });

    await unfollow(owner.token, a.id, key.id).expect(204);
    expect(await listOf(owner.token)).toEqual({ items: [], next_cursor: null });
    // Unfollowing what I do not follow changes nothing.
    await unfollow(owner.token, a.id, key.id).expect(204);
    expect(await storedSubscriptions(t, key.id)).toEqual([]);
  });

  it('turns an automatic subscription into a manual one when I follow the key myself', async () => {
    const owner = await createUser(t, a.admin.token, a.id);
    const key = await createKey(t, owner.token, a.id);
    expect(await storedSubscriptions(t, key.id)).toEqual([{ user_id: owner.id, source: 'auto' }]);
    expect((await follow(owner.token, a.id, key.id).expect(200)).body.source).toBe('manual');
    expect(await storedSubscriptions(t, key.id)).toEqual([{ user_id: owner.id, source: 'manual' }]);
  });

  it("answers a key I may not view as missing, and lets its team's admins and tenant admins follow it", async () => {
    const owner = await quietUser(a);
    const stranger = await quietUser(a);
    const teamAdmin = await quietUser(a);
    const team = await createTeam(t, a.admin.token, a.id);
    for (const [user, role] of [[owner, 'member'], [teamAdmin, 'admin']] as Array<[UserFixture, string]>) {
      await t.http.post(`/v1/tenants/${a.id}/teams/${team}/members`).set(bearer(a.admin.token)).send({ user_id: user.id, role }).expect(204);
    }
    const key = await createKey(t, owner.token, a.id, { team_id: team });

    for (const res of [await follow(stranger.token, a.id, key.id), await unfollow(stranger.token, a.id, key.id)]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('API_KEY_NOT_FOUND');
    }
    await follow(teamAdmin.token, a.id, key.id).expect(200);
    await follow(a.admin.token, a.id, key.id).expect(200);
    const followers = (await storedSubscriptions(t, key.id)).map((s) => s.user_id).sort();
    expect(followers).toEqual([teamAdmin.id, a.admin.id].sort());

    // Losing the right to view the key still lets me stop following it.
    await t.http.post(`/v1/tenants/${a.id}/teams/${team}/members`).set(bearer(a.admin.token)).send({ user_id: teamAdmin.id, role: 'member' }).expect(204);
    expect((await follow(teamAdmin.token, a.id, key.id).expect(404)).body.code).toBe('API_KEY_NOT_FOUND');
    await unfollow(teamAdmin.token, a.id, key.id).expect(204);
    expect((await storedSubscriptions(t, key.id)).map((s) => s.user_id)).toEqual([a.admin.id]);
  });

  it("keeps another tenant's keys out of reach", async () => {
    const key = await createKey(t, a.admin.token, a.id);
    const before = await storedSubscriptions(t, key.id);
    for (const res of [await follow(b.admin.token, a.id, key.id), await unfollow(b.admin.token, a.id, key.id)]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('TENANT_NOT_FOUND');
    }
    // Through its own tenant's path, the other tenant's key does not exist.
    for (const res of [await follow(b.admin.token, b.id, key.id), await unfollow(b.admin.token, b.id, key.id)]) {
      expect(res.status).toBe(404);
      expect(res.body.code).toBe('API_KEY_NOT_FOUND');
    }
    // A system administrator sees the key but is no user of its tenant.
    expect((await follow(systemToken, a.id, key.id).expect(403)).body.code).toBe('SUBSCRIPTION_OUTSIDE_TENANT');
    expect(await storedSubscriptions(t, key.id)).toEqual(before);
  });

  it('answers bad ids, unknown keys and API keys clearly', async () => {
    const user = await quietUser(a);
    expect((await follow(user.token, a.id, 'not-a-uuid').expect(400)).body.code).toBe('INVALID_ID');
    expect((await follow(user.token, 'nope', '00000000-0000-4000-8000-000000000000').expect(400)).body.code).toBe('INVALID_ID');
    expect((await follow(user.token, a.id, '00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('API_KEY_NOT_FOUND');
    expect((await unfollow(user.token, a.id, '00000000-0000-4000-8000-000000000000').expect(404)).body.code).toBe('API_KEY_NOT_FOUND');
    const key = await createKey(t, user.token, a.id, { scopes: ['api_keys:read', 'api_keys:write'] });
    expect((await t.http.put(subscriptionPath(a.id, key.id)).set(xApiKey(key.key)).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.get(SUBSCRIPTIONS).set(xApiKey(key.key)).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.put(subscriptionPath(a.id, key.id)).expect(401)).body.code).toBe('UNAUTHENTICATED');
  });

  it('pages my subscriptions newest first', async () => {
    const user = await quietUser(a);
    const keys = [];
    for (let i = 0; i < 5; i++) {
      const key = await createKey(t, user.token, a.id);
      await follow(user.token, a.id, key.id).expect(200);
      keys.push(key.id);
    }
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ api_key_id: string }>; next_cursor: string | null } = await listOf(user.token, `?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(2);
      seen.push(...page.items.map((s) => s.api_key_id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual([...keys].reverse());
    expect((await t.http.get(`${SUBSCRIPTIONS}?cursor=bogus`).set(bearer(user.token)).expect(400)).body.code).toBe('INVALID_CURSOR');
    expect((await t.http.get(`${SUBSCRIPTIONS}?limit=0`).set(bearer(user.token)).expect(400)).body.code).toBe('VALIDATION_FAILED');
    // Only my own subscriptions.
    expect((await listOf(a.admin.token)).items.map((s: { api_key_id: string }) => s.api_key_id)).not.toEqual(expect.arrayContaining(keys));
  });

  it('removes subscriptions with their key or user, and row-level security hides other tenants', async () => {
    const user = await createUser(t, a.admin.token, a.id, { role: 'admin' });
    const key = await createKey(t, user.token, a.id);
    const other = await createKey(t, user.token, a.id);
    expect(await storedSubscriptions(t, key.id)).toHaveLength(1);

    const asTenant = (tenantId: string, sql: string, params: unknown[] = []) =>
      t.dataSource.transaction(async (m) => {
        await m.query('SET LOCAL ROLE app_user');
        await m.query(`SELECT set_config('app.current_tenant', $1, true)`, [tenantId]);
        return m.query(sql, params);
      });
    expect(await asTenant(b.id, `SELECT * FROM api_key_notification_subscriptions WHERE api_key_id = $1`, [key.id])).toEqual([]);
    expect(await asTenant(a.id, `SELECT user_id FROM api_key_notification_subscriptions WHERE api_key_id = $1`, [key.id])).toEqual([{ user_id: user.id }]);
    await expect(
      asTenant(b.id, `INSERT INTO api_key_notification_subscriptions (user_id, api_key_id, tenant_id, source) VALUES ($1, $2, $3, 'manual')`, [
        user.id,
        other.id,
        a.id,
      ]),
    ).rejects.toThrow(/row-level security/);

    const asSystem = (sql: string, params: unknown[]) =>
      t.dataSource.transaction(async (m) => {
        await m.query('SET LOCAL ROLE app_system');
        return m.query(sql, params);
      });
    await asSystem(`DELETE FROM api_keys WHERE id = $1`, [key.id]);
    expect(await storedSubscriptions(t, key.id)).toEqual([]);
    expect(await storedSubscriptions(t, other.id)).toHaveLength(1);
    // A user who goes takes their subscriptions, also to keys that stay.
    const adminKey = await createKey(t, a.admin.token, a.id);
    await follow(user.token, a.id, adminKey.id).expect(200);
    await asSystem(`DELETE FROM users WHERE id = $1`, [user.id]);
    expect((await storedSubscriptions(t, adminKey.id)).map((s) => s.user_id)).toEqual([a.admin.id]);
    expect(await storedSubscriptions(t, other.id)).toEqual([]);
  });
});
