import { randomUUID } from 'node:crypto';
import { Logger } from 'typeorm';
import { AppConfig } from '../../src/platform/config/app-config';
import { GatehouseDataSource, openDataSource } from '../../src/platform/database/open-data-source';
import { createTestDatabase, TestDatabase } from '../support/test-database';

const MIGRATION = 'LegacyNotificationSettings1732320000014';

/** Keeps the migration log lines. */
class RecordingLogger implements Logger {
  readonly migrationLines: string[] = [];
  logQuery(): void {}
  logQueryError(): void {}
  logQuerySlow(): void {}
  logSchemaBuild(): void {}
  log(): void {}
  logMigration(message: string): void {
    this.migrationLines.push(message);
  }
}

/**
 * The legacy JSON migration on a database seeded, just before it, with clean, mixed and corrupt
 * blobs: what it moves, what it skips and counts, what it removes, and that a second run changes nothing.
 */
describe('Notifications: legacy settings migration', () => {
  let database: TestDatabase;
  let dataSource: GatehouseDataSource;
  const logger = new RecordingLogger();
  const id = () => randomUUID();
  const tenant = { a: id(), b: id(), c: id(), d: id(), e: id(), f: id(), g: id(), h: id() };
  const user = { a1: id(), a2: id(), b1: id(), b2: id(), b3: id(), b4: id(), b5: id() };
  const key = { ka1: id(), ka2: id(), kb1: id() };

  const q = (sql: string, params: unknown[] = []) => dataSource.query(sql, params);
  const snapshot = async () => ({
    preferences: await q(`SELECT user_id, tenant_id, enabled, days_before_expiry, auto_follow, auto_follow_tenant_keys, channels
      FROM api_key_notification_preferences ORDER BY user_id`),
    subscriptions: await q(`SELECT user_id, api_key_id, tenant_id, source FROM api_key_notification_subscriptions ORDER BY api_key_id, user_id`),
    tenants: await q(`SELECT id, settings, api_key_policy FROM tenants ORDER BY id`),
  });
  const tenantRow = async (tenantId: string) => (await q(`SELECT settings, api_key_policy FROM tenants WHERE id = $1`, [tenantId]))[0];
  const preferencesOf = async (userId: string) =>
    (await q(`SELECT enabled, days_before_expiry FROM api_key_notification_preferences WHERE user_id = $1`, [userId]))[0];
  const subscriptionsOf = async (tenantId: string) =>
    (await q(`SELECT user_id, api_key_id, source FROM api_key_notification_subscriptions WHERE tenant_id = $1`, [tenantId])).map(
      (r: { user_id: string; api_key_id: string; source: string }) => `${r.user_id}:${r.api_key_id}:${r.source}`,
    );

  async function seed(): Promise<void> {
    const tenants: Array<[string, unknown, unknown]> = [
      [tenant.a, { chatbot_widget: { theme: 'dark', api_key_notifications: {
        [user.a1]: { enabled: true, days_before_expiry: 14, subscriptions: [key.ka1, key.ka2] },
        [user.a2]: { enabled: false, days_before_expiry: [3, 10, 7], subscriptions: [key.ka2.toUpperCase()] },
      } } }, { require_expiry: false, notification_policy: { enabled: true, default_days_before_expiry: [3, 7], max_days_before_expiry: [20, 30] } }],
      [tenant.b, { chatbot_widget: { api_key_notifications: {
        [user.b1]: { days_before_expiry: [1, 'x', 12.5, null], subscriptions: [key.kb1, 'not-a-uuid', 42, null, id(), key.ka1, key.kb1] },
        [user.b2]: { enabled: false, days_before_expiry: 20, subscriptions: [key.kb1] },
        [user.b3]: { days_before_expiry: [0, 500], subscriptions: 'oops' },
        [user.b4]: 'yes',
        [user.b5]: { days_before_expiry: [] },
        [user.a1]: { days_before_expiry: 3, subscriptions: [key.kb1] },
        'someone@example.com': { days_before_expiry: 3 },
        [id()]: { days_before_expiry: 3 },
        policy: { enabled: false, default_days_before_expiry: [5, 9], max_days_before_expiry: [8] },
      } } }, {}],
      [tenant.c, { chatbot_widget: { api_key_notifications: 'garbage', x: 1 } }, {}],
      [tenant.d, { chatbot_widget: { api_key_notifications: [1, 2, 3] } }, {}],
      [tenant.e, 'weird', {}],
      [tenant.f, { chatbot_widget: 'string' }, {}],
      [tenant.g, {}, { notification_policy: { enabled: true, default_days_before_expiry: 7, max_days_before_expiry: 30 } }],
      [tenant.h, { chatbot_widget: { api_key_notifications: null } }, {}],
    ];
    for (const [tenantId, settings, policy] of tenants) {
      await q(`INSERT INTO tenants (id, name, settings, api_key_policy) VALUES ($1, $2, $3::jsonb, $4::jsonb)`, [tenantId, `t-${tenantId}`, JSON.stringify(settings), JSON.stringify(policy)]);
    }
    const users: Array<[string, string]> = [
      [user.a1, tenant.a], [user.a2, tenant.a], [user.b1, tenant.b], [user.b2, tenant.b], [user.b3, tenant.b], [user.b4, tenant.b], [user.b5, tenant.b],
    ];
    for (const [userId, tenantId] of users) {
      await q(`INSERT INTO users (id, tenant_id, email, password_hash, role) VALUES ($1, $2, $3, 'x', 'member')`, [userId, tenantId, `${userId}@example.com`]);
    }
    const keys: Array<[string, string, string]> = [[key.ka1, tenant.a, user.a1], [key.ka2, tenant.a, user.a2], [key.kb1, tenant.b, user.b1]];
    for (const [keyId, tenantId, owner] of keys) {
      await q(`INSERT INTO api_keys (id, tenant_id, user_id, name, key_type, key_prefix, key_hash) VALUES ($1::uuid, $2, $3, $1::text, 'secret', 'sk_x', $1::text)`, [keyId, tenantId, owner]);
    }
    // Saved through the API before the migration: the table wins over the blob.
    await q(`INSERT INTO api_key_notification_preferences (user_id, tenant_id, days_before_expiry) VALUES ($1, $2, 5)`, [user.b2, tenant.b]);
  }

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDataSource(AppConfig.fromEnv({ NODE_ENV: 'test', ...database.env }));
    (dataSource as unknown as { logger: Logger }).logger = logger;
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('moves clean, mixed and corrupt blobs, counts what it skips, and changes nothing on a second run', async () => {
    const all = [...dataSource.migrations];
    const mine = all.findIndex((m) => m.name === MIGRATION);
    expect(mine).toBeGreaterThan(0);
    dataSource.migrations.splice(mine);
    await dataSource.runMigrations({ transaction: 'each' });
    await seed();

    dataSource.migrations.push(all[mine]);
    expect((await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual([MIGRATION]);

    // Clean: numbers, lists as their largest, every subscription (ids in any case), other widget settings kept.
    expect(await preferencesOf(user.a1)).toEqual({ enabled: true, days_before_expiry: 14 });
    expect(await preferencesOf(user.a2)).toEqual({ enabled: false, days_before_expiry: 10 });
    expect((await subscriptionsOf(tenant.a)).sort()).toEqual(
      [`${user.a1}:${key.ka1}:manual`, `${user.a1}:${key.ka2}:manual`, `${user.a2}:${key.ka2}:manual`].sort(),
    );
    expect(await tenantRow(tenant.a)).toEqual({
      settings: { chatbot_widget: { theme: 'dark' } },
      api_key_policy: { require_expiry: false, notification_policy: { enabled: true, default_days_before_expiry: 7, max_days_before_expiry: 30 } },
    });

    // Mixed: non-numbers ignored, rounded up, capped at 365, nothing usable = the tenant default; the existing row wins.
    expect(await preferencesOf(user.b1)).toEqual({ enabled: true, days_before_expiry: 13 });
    expect(await preferencesOf(user.b2)).toEqual({ enabled: true, days_before_expiry: 5 });
    expect(await preferencesOf(user.b3)).toEqual({ enabled: true, days_before_expiry: 365 });
    expect(await preferencesOf(user.b4)).toBeUndefined();
    expect(await preferencesOf(user.b5)).toEqual({ enabled: true, days_before_expiry: null });
    expect((await subscriptionsOf(tenant.b)).sort()).toEqual([`${user.b1}:${key.kb1}:manual`, `${user.b2}:${key.kb1}:manual`].sort());
    // The blob's policy where the tenant had none: lists as their largest, the default lowered to the maximum.
    expect(await tenantRow(tenant.b)).toEqual({
      settings: { chatbot_widget: {} },
      api_key_policy: { notification_policy: { enabled: false, default_days_before_expiry: 8, max_days_before_expiry: 8 } },
    });
    // a1 belongs to tenant A: tenant B's blob cannot give them anything.
    expect((await subscriptionsOf(tenant.a)).filter((s: string) => s.includes(key.kb1))).toEqual([]);

    // Corrupt blobs are removed; settings of other shapes are left alone.
    expect((await tenantRow(tenant.c)).settings).toEqual({ chatbot_widget: { x: 1 } });
    expect((await tenantRow(tenant.d)).settings).toEqual({ chatbot_widget: {} });
    expect((await tenantRow(tenant.e)).settings).toBe('weird');
    expect((await tenantRow(tenant.f)).settings).toEqual({ chatbot_widget: 'string' });
    expect(await tenantRow(tenant.g)).toEqual({ settings: {}, api_key_policy: { notification_policy: { enabled: true, default_days_before_expiry: 7, max_days_before_expiry: 30 } } });
    expect((await tenantRow(tenant.h)).settings).toEqual({ chatbot_widget: {} });

    const first = logger.migrationLines.find((line) => line.startsWith(`${MIGRATION}:`));
    expect(first).toBe(
      `${MIGRATION}: 5 legacy blobs (3 not an object, removed); 5 preference rows created, 4 entries skipped (not a user of the tenant, or not an object); ` +
        '5 subscriptions created, 3 skipped as not UUIDs, 2 skipped as naming no key of the tenant; 2 tenant notification policies normalized',
    );

    const after = await snapshot();
    logger.migrationLines.length = 0;
    await dataSource.undoLastMigration({ transaction: 'each' });
    expect((await dataSource.runMigrations({ transaction: 'each' })).map((m) => m.name)).toEqual([MIGRATION]);
    expect(await snapshot()).toEqual(after);
    expect(logger.migrationLines.find((line) => line.startsWith(`${MIGRATION}:`))).toBe(
      `${MIGRATION}: 0 legacy blobs (0 not an object, removed); 0 preference rows created, 0 entries skipped (not a user of the tenant, or not an object); ` +
        '0 subscriptions created, 0 skipped as not UUIDs, 0 skipped as naming no key of the tenant; 0 tenant notification policies normalized',
    );

    // The migrations after it still apply on the migrated data.
    dataSource.migrations.push(...all.slice(mine + 1));
    await dataSource.runMigrations({ transaction: 'each' });
    expect(await dataSource.showMigrations()).toBe(false);
  });
});
