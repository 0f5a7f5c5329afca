import { Clock, ManualClock } from '../../src/platform';
import { RunReminderJobUseCase } from '../../src/notifications/application/reminders/run-reminder-job.use-case';
import type { ReminderRunCounts } from '../../src/notifications/domain/reminder';
import { startIamApp } from '../support/iam-fixtures';
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

/** `userId` follows `keyId` (written directly, as the subscriptions API would). */
export async function subscribe(t: TestApp, tenantId: string, userId: string, keyId: string): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO api_key_notification_subscriptions (user_id, api_key_id, tenant_id, source) VALUES ($1, $2, $3, 'manual')
     ON CONFLICT DO NOTHING`,
    [userId, keyId, tenantId],
  );
}

export interface PreferenceRow {
  enabled?: boolean;
  days_before_expiry?: number | null;
  channels?: string[];
}

/** A user's preference row, as the preferences API would keep it. */
export async function setPreference(t: TestApp, tenantId: string, userId: string, preference: PreferenceRow): Promise<void> {
  await t.dataSource.query(
    `INSERT INTO api_key_notification_preferences (user_id, tenant_id, enabled, days_before_expiry, channels)
     VALUES ($1, $2, $3, $4, $5::text[])
     ON CONFLICT (user_id) DO UPDATE SET enabled = excluded.enabled, days_before_expiry = excluded.days_before_expiry, channels = excluded.channels`,
    [userId, tenantId, preference.enabled ?? true, preference.days_before_expiry ?? null, preference.channels ?? ['email']],
  );
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
