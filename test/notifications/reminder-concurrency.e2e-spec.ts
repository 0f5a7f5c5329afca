import { ManualClock } from '../../src/platform';
import type { ReminderRunCounts } from '../../src/notifications/domain/reminder';
import { createTenant, createUser, loginAsAdmin, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createTestDatabase, describeOnServer, TestDatabase } from '../support/test-database';
import { createKey } from '../api-keys/key-fixtures';
import { FakeSmtp, startFakeSmtp } from './fake-smtp';
import { DAY_MS, inDays, runReminders, startReminderApp, subscribe } from './reminder-fixtures';

const USERS = 12;
const KEYS_PER_USER = 5;
const REMINDERS = USERS * KEYS_PER_USER;

describeOnServer('API key expiry reminders: three instances at once', () => {
  const clock = new ManualClock(new Date('2027-03-01T06:00:00Z'));
  let database: TestDatabase;
  let smtp: FakeSmtp;
  const apps: TestApp[] = [];
  let tenant: TenantFixture;
  const users: UserFixture[] = [];

  beforeAll(async () => {
    database = await createTestDatabase();
    smtp = await startFakeSmtp();
    // Small batches, so that the three runs take turns claiming from the same pending rows.
    for (let i = 0; i < 3; i++) apps.push(await startReminderApp(clock, { SMTP_URL: smtp.url, GATEHOUSE_REMINDER_BATCH_SIZE: '7' }, { database }));
    const [t] = apps;
    tenant = await createTenant(t, await loginAsAdmin(t));
    for (let u = 0; u < USERS; u++) {
      const user = await createUser(t, tenant.admin.token, tenant.id);
      users.push(user);
      for (let k = 0; k < KEYS_PER_USER; k++) {
        const key = await createKey(t, user.token, tenant.id, { expires_at: inDays(clock, 2) });
        await subscribe(t, user, key.id, user.token);
      }
    }
  });
  afterAll(async () => {
    for (const app of apps) await app.close();
    await smtp?.close();
    await database?.drop();
  });

  const total = (runs: ReminderRunCounts[]) => ({
    due: runs.reduce((n, r) => n + r.due, 0),
    inApp: runs.reduce((n, r) => n + r.sent.in_app, 0),
    email: runs.reduce((n, r) => n + r.sent.email, 0),
    failed: runs.reduce((n, r) => n + r.failed, 0),
  });

  async function expectEachOnce(kind: string): Promise<void> {
    const [t] = apps;
    const inbox: Array<{ user_id: string; key_id: string; n: number }> = await t.dataSource.query(
      `SELECT user_id, payload #>> '{api_key,id}' AS key_id, count(*)::int AS n FROM notifications
       WHERE tenant_id = $1 AND kind = $2 GROUP BY 1, 2`,
      [tenant.id, kind],
    );
    expect(inbox).toHaveLength(REMINDERS);
    expect(inbox.every((row) => row.n === 1)).toBe(true);
    const [pending] = await t.dataSource.query(`SELECT count(*)::int AS n FROM api_key_reminder_deliveries WHERE status <> 'sent'`);
    expect(pending.n).toBe(0);
  }

  it('sends each expiring reminder exactly once on each channel when three instances run the job together', async () => {
    const runs = await Promise.all(apps.map((app) => runReminders(app)));
    expect(total(runs)).toEqual({ due: 2 * REMINDERS, inApp: REMINDERS, email: REMINDERS, failed: 0 });
    await expectEachOnce('api_key.expiring');
    const ids = smtp.messages.map((m) => m.deliveryId);
    expect(ids).toHaveLength(REMINDERS);
    expect(new Set(ids).size).toBe(REMINDERS);
    for (const user of users) expect(smtp.messages.filter((m) => m.to.includes(user.email))).toHaveLength(KEYS_PER_USER);
  });

  it('sends each expired notice exactly once, and nothing more on further concurrent runs', async () => {
    clock.advance(3 * DAY_MS);
    const runs = await Promise.all(apps.map((app) => runReminders(app)));
    expect(total(runs)).toEqual({ due: 2 * REMINDERS, inApp: REMINDERS, email: REMINDERS, failed: 0 });
    await expectEachOnce('api_key.expired');
    expect(new Set(smtp.messages.map((m) => m.deliveryId)).size).toBe(2 * REMINDERS);

    const idle = await Promise.all(apps.map((app) => runReminders(app)));
    expect(total(idle)).toEqual({ due: 0, inApp: 0, email: 0, failed: 0 });
    expect(smtp.messages).toHaveLength(2 * REMINDERS);
  });
});
