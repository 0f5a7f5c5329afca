import { Injectable } from '@nestjs/common';
import { SqlKeySubscriptionsRepository } from '../../src/notifications/adapters/persistence/sql-key-subscriptions.repository';
import { KeySubscriptionsRepository } from '../../src/notifications/application/ports/key-subscriptions.repository';
import { createKey, keysPath } from '../api-keys/key-fixtures';
import { bearer, createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture, unique } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { PREFERENCES, storedSubscriptions, subscriptionPath } from './notification-fixtures';

const setPreferences = (t: TestApp, token: string, body: Record<string, unknown>) => t.http.put(PREFERENCES).set(bearer(token)).send(body).expect(200);

describe('Notifications: auto-follow of new keys', () => {
  let t: TestApp;
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;

  beforeAll(async () => {
    t = await startIamApp();
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
  });
  afterAll(() => t?.close());

  it('subscribes the creator by default, and not when their auto_follow is off', async () => {
    const user = await createUser(t, a.admin.token, a.id);
    const first = await createKey(t, user.token, a.id);
    expect(await storedSubscriptions(t, first.id)).toEqual([{ user_id: user.id, source: 'auto' }]);

    await setPreferences(t, user.token, { auto_follow: false });
    const second = await createKey(t, user.token, a.id);
    expect(await storedSubscriptions(t, second.id)).toEqual([]);
    await setPreferences(t, user.token, { auto_follow: true });
    const third = await createKey(t, user.token, a.id);
    expect(await storedSubscriptions(t, third.id)).toEqual([{ user_id: user.id, source: 'auto' }]);
  });

  it("subscribes tenant admins who follow every key of the tenant, and only their tenant's keys", async () => {
    const watcher = await createUser(t, a.admin.token, a.id, { role: 'admin' });
    const otherAdmin = await createUser(t, a.admin.token, a.id, { role: 'admin' });
    await setPreferences(t, watcher.token, { auto_follow_tenant_keys: true });
    await setPreferences(t, otherAdmin.token, { auto_follow: false });
    const member = await createUser(t, a.admin.token, a.id);

    const key = await createKey(t, member.token, a.id);
    const followers = (await storedSubscriptions(t, key.id)).map((s) => `${s.user_id}:${s.source}`).sort();
    expect(followers).toEqual([`${member.id}:auto`, `${watcher.id}:auto`].sort());
    // The watcher's own key: followed once, though both rules apply.
    const own = await createKey(t, watcher.token, a.id);
    expect(await storedSubscriptions(t, own.id)).toEqual([{ user_id: watcher.id, source: 'auto' }]);
    // The other admin follows neither their own nor others' keys.
    const adminKey = await createKey(t, otherAdmin.token, a.id);
    expect((await storedSubscriptions(t, adminKey.id)).map((s) => s.user_id)).toEqual([watcher.id]);

    const elsewhere = await createKey(t, b.admin.token, b.id);
    expect((await storedSubscriptions(t, elsewhere.id)).map((s) => s.user_id)).toEqual([b.admin.id]);

    // An admin who becomes a member stops following new keys of others.
    await t.http.patch(`/v1/tenants/${a.id}/users/${watcher.id}`).set(bearer(a.admin.token)).send({ role: 'member' }).expect(200);
    const later = await createKey(t, member.token, a.id);
    expect((await storedSubscriptions(t, later.id)).map((s) => s.user_id)).toEqual([member.id]);
  });

  it('gives a rotated key the followers of the key it replaces, each with their source', async () => {
    const owner = await createUser(t, a.admin.token, a.id);
    const follower = await createUser(t, a.admin.token, a.id, { role: 'admin' });
    const key = await createKey(t, owner.token, a.id, { expires_in_days: 30 });
    await t.http.put(subscriptionPath(a.id, key.id)).set(bearer(follower.token)).expect(200);
    // The owner stopped auto-following since: rotation still keeps their subscription to this key.
    await setPreferences(t, owner.token, { auto_follow: false });

    const rotated = await t.http.post(keysPath(a.id, key.id, 'rotate')).set(bearer(owner.token)).send({ grace_period_seconds: 60 }).expect(201);
    const newId: string = rotated.body.id;
    expect(newId).not.toBe(key.id);
    const bySource = (rows: Array<{ user_id: string; source: string }>) => rows.map((r) => `${r.user_id}:${r.source}`).sort();
    expect(bySource(await storedSubscriptions(t, newId))).toEqual([`${owner.id}:auto`, `${follower.id}:manual`].sort());
    // The replaced key keeps its followers until it goes.
    expect(bySource(await storedSubscriptions(t, key.id))).toEqual([`${owner.id}:auto`, `${follower.id}:manual`].sort());
  });
});

/** Fails right after the automatic subscriptions were written, inside the key's transaction. */
@Injectable()
class FailingAfterAutoFollow extends SqlKeySubscriptionsRepository {
  failing = true;
  override async autoFollow(tenantId: string, apiKeyId: string, creatorId: string, at: Date): Promise<number> {
    const count = await super.autoFollow(tenantId, apiKeyId, creatorId, at);
    if (this.failing) throw new Error('injected failure after auto-follow');
    return count;
  }
}

describe('Notifications: auto-follow joins the key creation transaction', () => {
  let t: TestApp;
  let repository: FailingAfterAutoFollow;

  beforeAll(async () => {
    t = await startIamApp({ override: (builder) => builder.overrideProvider(KeySubscriptionsRepository).useClass(FailingAfterAutoFollow) });
    repository = t.app.get(KeySubscriptionsRepository);
  });
  afterAll(() => t?.close());

  it('creates neither the key nor any subscription when the subscriptions fail', async () => {
    const tenant = await createTenant(t, await loginAsAdmin(t));
    const name = unique('doomed');
    const res = await t.http.post(keysPath(tenant.id)).set(bearer(tenant.admin.token)).send({ name, type: 'secret', scopes: [] });
    expect(res.status).toBe(500);
    const counts = await t.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL ROLE app_system');
      return (
        await m.query(
          `SELECT (SELECT count(*)::int FROM api_keys WHERE tenant_id = $1) AS keys,
                  (SELECT count(*)::int FROM api_key_notification_subscriptions WHERE tenant_id = $1) AS subscriptions`,
          [tenant.id],
        )
      )[0];
    });
    expect(counts).toEqual({ keys: 0, subscriptions: 0 });

    repository.failing = false;
    const key = await createKey(t, tenant.admin.token, tenant.id, { name });
    expect(await storedSubscriptions(t, key.id)).toEqual([{ user_id: tenant.admin.id, source: 'auto' }]);
  });
});
