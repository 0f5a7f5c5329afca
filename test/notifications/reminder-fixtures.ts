import { Clock, ManualClock } from '../../src/platform';
import { RunReminderJobUseCase } from '../../src/notifications/application/reminders/run-reminder-job.use-case';
import type { ReminderRunCounts } from '../../src/notifications/domain/reminder';
import { bearer, login, startIamApp, UserFixture } from '../support/iam-fixtures';
import type { TestApp, TestAppOptions } from '../support/test-app';
import type { TestDatabase } from '../support/test-database';

export const DAY_MS = 86_400_000;

/** The app with a hand-driven clock and no schedule: suites run the job themselves. */
export function startReminderApp(clock: ManualClock, env: Record<string, string> = {}, options: TestAppOptions & { database?: TestDatabase } = {}): Promise<TestApp> {
  return startIamApp({
    ...options,
    env: { GATEHOUSE_REMINDER_CRON: 'off', ...env },
    override: (builder) => (options.override ? options.override(builder) : builder).overrideProvider(Clock).useValue(clock),
  });
}

/** One run of the job, as the schedule would start it. */
export const runReminders = (t: TestApp): Promise<ReminderRunCounts> => t.app.get(RunReminderJobUseCase).run();

export const inDays = (clock: Clock, days: number): string => new Date(clock.now().getTime() + days * DAY_MS).toISOString();

/** `user` follows `keyId` through the subscriptions API (a fresh login unless `token` is given). */
export async function subscribe(t: TestApp, user: UserFixture, keyId: string, token?: string): Promise<void> {
  const res = await t.http
    .put(`/v1/tenants/${user.tenantId}/api-keys/${keyId}/subscription`)
    .set(bearer(token ?? (await login(t, user.email, user.password, user.tenantId))));
  if (res.status >= 300) throw new Error(`subscription failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export interface PreferenceChange {
  enabled?: boolean;
  days_before_expiry?: number | null;
  channels?: string[];
}

/** Changes `user`'s reminder preferences through the preferences API. */
export async function setPreference(t: TestApp, user: UserFixture, change: PreferenceChange): Promise<void> {
  const res = await t.http
    .put('/v1/me/api-key-notifications/preferences')
    .set(bearer(await login(t, user.email, user.password, user.tenantId)))
    .send(change);
  if (res.status !== 200) throw new Error(`preference change failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export interface InboxRow {
  kind: string;
  payload: { api_key: { id: string; name: string; prefix: string; expires_at: string; team_name: string | null }; title: string };
}

/** A user's in-app notifications, oldest first. */
export function inboxOf(t: TestApp, userId: string): Promise<InboxRow[]> {
  return t.dataSource.query(`SELECT kind, payload FROM notifications WHERE user_id = $1 ORDER BY created_at, id`, [userId]);
}

export interface DeliveryRow {
  api_key_id: string;
  user_id: string;
  kind: string;
  channel: string;
  status: string;
  attempts: number;
  next_attempt_at: Date;
  last_error: string | null;
  expires_at: Date;
}

export function deliveriesOf(t: TestApp, keyId: string): Promise<DeliveryRow[]> {
  return t.dataSource.query(
    `SELECT api_key_id, user_id, kind, channel, status, attempts, next_attempt_at, last_error, expires_at
     FROM api_key_reminder_deliveries WHERE api_key_id = $1 ORDER BY id`,
    [keyId],
  );
}
