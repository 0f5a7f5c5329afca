import { SchedulerRegistry } from '@nestjs/schedule';
import { ManualClock } from '../../src/platform';
import { REMINDER_CRON_JOB } from '../../src/notifications/adapters/scheduling/reminder-schedule';
import { REMINDER_LEASE_MS } from '../../src/notifications/application/reminders/run-reminder-job.use-case';
import { MAX_DELIVERY_ATTEMPTS, MAX_RETRY_DELAY_MS } from '../../src/notifications/domain/reminder-backoff';
import type { ReminderRunCounts } from '../../src/notifications/domain/reminder';
import { bearer, createTenant, createUser, login, loginAsAdmin, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createKey } from '../api-keys/key-fixtures';
import { FakeSmtp, startFakeSmtp } from './fake-smtp';
import { HaltingChannel, haltingEmail } from './halting-channel';
import { deliveriesOf, inboxOf, inDays, runReminders, setPreference, startReminderApp, subscribe } from './reminder-fixtures';
import { startWebhookReceiver, WebhookReceiver } from './webhook-receiver';

const SECRET = 'whsec-recovery-0123456789abcdef';
const MINUTE_MS = 60_000;
const WEBHOOK_TIMEOUT_MS = 300;

/** Polls until `condition` holds (a run in the background reaching a point), failing after a bound. */
async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 1500 && !condition(); i++) await new Promise((resolve) => setTimeout(resolve, 20));
  if (!condition()) throw new Error('condition never held');
}

describe('API key expiry reminders: crashes, retries and the schedule', () => {
  const clock = new ManualClock(new Date('2027-02-01T08:00:00Z'));
  const channels: { email?: HaltingChannel } = {};
  let t: TestApp;
  let smtp: FakeSmtp;
  let receiver: WebhookReceiver;
  let tenant: TenantFixture;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    receiver = await startWebhookReceiver(SECRET);
    t = await startReminderApp(
      clock,
      {
        SMTP_URL: smtp.url,
        GATEHOUSE_REMINDER_BATCH_SIZE: '6',
        GATEHOUSE_REMINDER_WEBHOOK_TIMEOUT_MS: String(WEBHOOK_TIMEOUT_MS),
        GATEHOUSE_REMINDER_WEBHOOK_ALLOW_PRIVATE: 'true',
      },
      { override: haltingEmail(channels) },
    );
    tenant = await createTenant(t, await loginAsAdmin(t));
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await receiver?.close();
  });

  const adminToken = (): Promise<string> => login(t, tenant.admin.email, tenant.admin.password, tenant.id);

  /** `user` owns and follows `count` keys expiring in `days` days. */
  async function followedKeys(user: UserFixture, count: number, days = 3): Promise<string[]> {
    const token = await login(t, user.email, user.password, tenant.id);
    const ids: string[] = [];
    for (let i = 0; i < count; i++) {
      const key = await createKey(t, token, tenant.id, { expires_at: inDays(clock, days) });
      await subscribe(t, user, key.id, token);
      ids.push(key.id);
    }
    return ids;
  }

  it('after a run dies holding deliveries, the next runs send the rest once the lease ends, and nothing twice', async () => {
    const users = [await createUser(t, await adminToken(), tenant.id), await createUser(t, await adminToken(), tenant.id)];
    const keys = [...(await followedKeys(users[0], 5)), ...(await followedKeys(users[1], 5))];
    const email = channels.email!;
    email.haltAfter = 3;

    // The first run claims batches of 6 (in-app and e-mail rows) and dies in its second e-mail batch.
    void runReminders(t);
    await until(() => email.halted);
    // Claimed (attempted) but neither sent nor failed: the three e-mails of the batch it died in.
    const held = (await Promise.all(keys.map((id) => deliveriesOf(t, id)))).flat().filter((d) => d.status === 'pending' && d.attempts === 1);
    expect(held.map((d) => d.channel)).toEqual(['email', 'email', 'email']);
    expect(smtp.messages).toHaveLength(3);

    // The process is "restarted": a new run sends what nobody holds and leaves the leased rows alone.
    email.haltAfter = Number.POSITIVE_INFINITY;
    const second = await runReminders(t);
    expect(second.due).toBe(0);
    expect(second.retried).toBe(0);
    expect(smtp.messages).toHaveLength(keys.length - held.length);

    // Once the lease has run out, the held deliveries go out, once each.
    clock.advance(REMINDER_LEASE_MS);
    const third = await runReminders(t);
    expect(third).toMatchObject({ due: 0, retried: held.length, failed: 0, sent: { in_app: 0, email: held.length, webhook: 0 } });
    const ids = smtp.messages.map((m) => m.deliveryId);
    expect(ids).toHaveLength(keys.length);
    expect(new Set(ids).size).toBe(keys.length);
    for (const user of users) expect(smtp.messages.filter((m) => m.to.includes(user.email))).toHaveLength(5);
    for (const user of users) expect(await inboxOf(t, user.id)).toHaveLength(5);
    const all = (await Promise.all(keys.map((id) => deliveriesOf(t, id)))).flat();
    expect(all).toHaveLength(2 * keys.length);
    expect(all.every((d) => d.status === 'sent')).toBe(true);
  });

  it('keeps the rows of a batch slower than the lease: a run starting meanwhile takes none of them', async () => {
    const user = await createUser(t, await adminToken(), tenant.id);
    await followedKeys(user, 3);
    const email = channels.email!;
    const meanwhile: ReminderRunCounts[] = [];
    // Each e-mail takes 4 minutes; the third starts 12 minutes in, past the first lease of 10.
    let started = 0;
    email.beforeSend = async () => {
      clock.advance(4 * MINUTE_MS);
      started += 1;
      if (started === 3) meanwhile.push(await runReminders(t));
    };
    try {
      const slow = await runReminders(t);
      expect(slow).toMatchObject({ due: 6, failed: 0, sent: { in_app: 3, email: 3 } });
    } finally {
      email.beforeSend = undefined;
    }
    expect(meanwhile).toHaveLength(1);
    expect(meanwhile[0]).toMatchObject({ due: 0, retried: 0, sent: { in_app: 0, email: 0 } });
    const mails = smtp.messages.filter((m) => m.to.includes(user.email));
    expect(mails).toHaveLength(3);
    expect(new Set(mails.map((m) => m.deliveryId)).size).toBe(3);
  });

  it('retries a refused e-mail with doubling backoff on the clock, then sends it once', async () => {
    const user = await createUser(t, await adminToken(), tenant.id);
    const [keyId] = await followedKeys(user, 1);
    smtp.refuseNext(2);

    const first = await runReminders(t);
    expect(first).toMatchObject({ failed: 1, sent: { in_app: 1, email: 0 } });
    let [, mail] = await deliveriesOf(t, keyId);
    expect(mail).toMatchObject({ channel: 'email', status: 'pending', attempts: 1 });
    expect(mail.last_error).toContain('mailbox busy');
    expect(new Date(mail.next_attempt_at).getTime()).toBe(clock.now().getTime() + MINUTE_MS);

    expect(await runReminders(t)).toMatchObject({ retried: 0, failed: 0, sent: { email: 0 } });
    clock.advance(MINUTE_MS);
    expect(await runReminders(t)).toMatchObject({ retried: 1, failed: 1, sent: { email: 0 } });
    [, mail] = await deliveriesOf(t, keyId);
    expect(new Date(mail.next_attempt_at).getTime()).toBe(clock.now().getTime() + 2 * MINUTE_MS);

    clock.advance(2 * MINUTE_MS - 1);
    expect(await runReminders(t)).toMatchObject({ retried: 0, sent: { email: 0 } });
    clock.advance(1);
    expect(await runReminders(t)).toMatchObject({ retried: 1, failed: 0, sent: { email: 1 } });
    [, mail] = await deliveriesOf(t, keyId);
    expect(mail).toMatchObject({ status: 'sent', attempts: 3, last_error: null });
    expect(smtp.messages.filter((m) => m.to.includes(user.email))).toHaveLength(1);
  });

  it('retries a webhook that answered 500 or not at all within the timeout, and gives up after the last allowed attempt', async () => {
    await t.http
      .put(`/v1/tenants/${tenant.id}/notification-webhook`)
      .set(bearer(await adminToken()))
      .send({ url: receiver.url, secret: SECRET })
      .expect(200);
    const user = await createUser(t, await adminToken(), tenant.id);
    await setPreference(t, user, { channels: ['webhook'] });
    const [keyId] = await followedKeys(user, 1);

    receiver.answerNext(500);
    expect(await runReminders(t)).toMatchObject({ failed: 1, sent: { in_app: 1, webhook: 0 } });
    let hook = (await deliveriesOf(t, keyId)).find((d) => d.channel === 'webhook')!;
    expect(hook).toMatchObject({ status: 'pending', attempts: 1, last_error: 'the webhook answered 500' });
    // A receiver that holds the request without answering is given up on after the timeout.
    clock.advance(MINUTE_MS);
    receiver.answerNext(0);
    expect(await runReminders(t)).toMatchObject({ retried: 1, failed: 1, sent: { webhook: 0 } });
    hook = (await deliveriesOf(t, keyId)).find((d) => d.channel === 'webhook')!;
    expect(hook).toMatchObject({ status: 'pending', attempts: 2, last_error: `the webhook did not answer within ${WEBHOOK_TIMEOUT_MS} ms` });
    clock.advance(2 * MINUTE_MS);
    expect(await runReminders(t)).toMatchObject({ retried: 1, sent: { webhook: 1 } });
    expect(receiver.received.filter((h) => (h.body.api_key as { id: string }).id === keyId)).toHaveLength(1);

    // A receiver that never accepts: tried MAX_DELIVERY_ATTEMPTS times, then left as failed.
    const stubborn = await createUser(t, await adminToken(), tenant.id);
    await setPreference(t, stubborn, { channels: ['webhook'], days_before_expiry: 10 });
    const [lostKey] = await followedKeys(stubborn, 1, 8);
    let gaveUp = 0;
    for (let attempt = 1; attempt <= MAX_DELIVERY_ATTEMPTS; attempt++) {
      receiver.answerNext(503);
      gaveUp += (await runReminders(t)).gaveUp;
      clock.advance(MAX_RETRY_DELAY_MS);
    }
    hook = (await deliveriesOf(t, lostKey)).find((d) => d.channel === 'webhook')!;
    expect(hook).toMatchObject({ status: 'failed', attempts: MAX_DELIVERY_ATTEMPTS, last_error: 'the webhook answered 503' });
    expect(gaveUp).toBe(1);
    expect(await runReminders(t)).toMatchObject({ retried: 0, failed: 0 });
  });

  it('is not scheduled with GATEHOUSE_REMINDER_CRON=off', () => {
    expect(t.app.get(SchedulerRegistry).doesExist('cron', REMINDER_CRON_JOB)).toBe(false);
  });

  describe('without SMTP_URL, on a schedule, with private webhook addresses refused (the default)', () => {
    let plain: TestApp;
    beforeAll(async () => {
      // A schedule that cannot fire during the suite (midnight on 1 January).
      plain = await startReminderApp(clock, { GATEHOUSE_REMINDER_CRON: '0 0 1 1 *' });
    });
    afterAll(() => plain?.close());

    it('registers the job on the configured schedule', () => {
      const job = plain.app.get(SchedulerRegistry).getCronJob(REMINDER_CRON_JOB);
      expect(job.isActive).toBe(true);
      expect(job.cronTime.source).toBe('0 0 1 1 *');
    });

    it('plans no e-mail deliveries: the e-mail channel is off', async () => {
      const other = await createTenant(plain, await loginAsAdmin(plain));
      const user = await createUser(plain, other.admin.token, other.id);
      const key = await createKey(plain, user.token, other.id, { expires_at: inDays(clock, 2) });
      await subscribe(plain, user, key.id, user.token);
      const run = await runReminders(plain);
      expect(run).toMatchObject({ due: 1, sent: { in_app: 1, email: 0, webhook: 0 } });
      expect((await deliveriesOf(plain, key.id)).map((d) => d.channel)).toEqual(['in_app']);
    });

    it('does not call a tenant webhook on a loopback or private address', async () => {
      const other = await createTenant(plain, await loginAsAdmin(plain));
      const user = await createUser(plain, other.admin.token, other.id);
      const before = receiver.received.length;
      for (const url of [receiver.url, receiver.url.replace('127.0.0.1', 'localhost'), 'http://169.254.169.254/latest/meta-data']) {
        await plain.http.put(`/v1/tenants/${other.id}/notification-webhook`).set(bearer(other.admin.token)).send({ url, secret: SECRET }).expect(200);
        await setPreference(plain, user, { channels: ['webhook'] });
        const key = await createKey(plain, user.token, other.id, { expires_at: inDays(clock, 2) });
        await subscribe(plain, user, key.id, user.token);
        expect(await runReminders(plain)).toMatchObject({ failed: 1, sent: { webhook: 0 } });
        const hook = (await deliveriesOf(plain, key.id)).find((d) => d.channel === 'webhook')!;
        expect(hook).toMatchObject({ status: 'pending', last_error: 'the webhook address is not a public one' });
      }
      expect(receiver.received.length).toBe(before);
    });
  });
});
