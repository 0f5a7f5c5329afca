import { ManualClock } from '../../src/platform';
import { bearer, createTeam, createTenant, createUser, login, loginAsAdmin, TenantFixture, unique } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createKey, keysPath, policyPath } from '../api-keys/key-fixtures';
import { FakeSmtp, startFakeSmtp } from './fake-smtp';
import { DAY_MS, deliveriesOf, inboxOf, inDays, runReminders, setPreference, startReminderApp, subscribe } from './reminder-fixtures';
import { startWebhookReceiver, WebhookReceiver } from './webhook-receiver';

const SECRET = 'whsec-test-0123456789abcdef';
const FROM = 'Gatehouse <reminders@gatehouse.test>';

describe('API key expiry reminders: channels and due dates', () => {
  const clock = new ManualClock(new Date('2027-01-04T09:00:00Z'));
  let t: TestApp;
  let smtp: FakeSmtp;
  let receiver: WebhookReceiver;
  let tenant: TenantFixture;

  beforeAll(async () => {
    smtp = await startFakeSmtp();
    receiver = await startWebhookReceiver(SECRET);
    // The receiver is on loopback, which tenant webhooks may reach only when allowed.
    t = await startReminderApp(clock, { SMTP_URL: smtp.url, SMTP_FROM: FROM, GATEHOUSE_REMINDER_WEBHOOK_ALLOW_PRIVATE: 'true' });
    tenant = await createTenant(t, await loginAsAdmin(t));
  });
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await receiver?.close();
  });

  // The clock moves by days between tests: every call logs in afresh instead of keeping tokens.
  const adminOf = (fixture: TenantFixture): Promise<string> => login(t, fixture.admin.email, fixture.admin.password, fixture.id);
  const newTenant = async (): Promise<TenantFixture> => createTenant(t, await loginAsAdmin(t));

  /** A fresh member of `owner` who owns and follows a key expiring in `days` days. */
  async function followedKey(days: number, owner: TenantFixture = tenant) {
    const tenantId = owner.id;
    const user = await createUser(t, await adminOf(owner), tenantId);
    const key = await createKey(t, user.token, tenantId, { expires_at: inDays(clock, days) });
    await subscribe(t, user, key.id, user.token);
    return { user, key };
  }
  const mailsTo = (email: string) => smtp.messages.filter((m) => m.to.includes(email));

  it('reminds a subscriber once the key enters the tenant default window (7 days), in the inbox and by e-mail, and never twice', async () => {
    const { user, key } = await followedKey(10);
    await runReminders(t);
    expect(await inboxOf(t, user.id)).toEqual([]);

    clock.advance(4 * DAY_MS);
    const run = await runReminders(t);
    expect(run.sent.in_app).toBeGreaterThanOrEqual(1);
    const inbox = await inboxOf(t, user.id);
    expect(inbox).toHaveLength(1);
    expect(inbox[0]).toMatchObject({ kind: 'api_key.expiring', payload: { api_key: { id: key.id, name: key.body.name, prefix: key.body.key_prefix } } });
    // The user reads it through the inbox API.
    const page = await t.http.get('/v1/me/notifications').set(bearer(await login(t, user.email, user.password, tenant.id))).expect(200);
    expect(page.body).toMatchObject({ unread_count: 1, items: [{ kind: 'api_key.expiring', read_at: null, payload: { api_key: { id: key.id } } }] });
    expect(page.body.items[0].payload.title).toBe(`API key "${key.body.name}" expires on ${(key.body.expires_at as string).slice(0, 10)}`);
    expect(mailsTo(user.email)).toHaveLength(1);
    expect((await deliveriesOf(t, key.id)).map((d) => [d.channel, d.status, d.attempts])).toEqual([
      ['in_app', 'sent', 1],
      ['email', 'sent', 1],
    ]);

    const again = await runReminders(t);
    expect(again.due).toBe(0);
    expect(await inboxOf(t, user.id)).toHaveLength(1);
    expect(mailsTo(user.email)).toHaveLength(1);
  });

  it('e-mails a text and an HTML body naming the key, its prefix, team, expiry date and how to rotate', async () => {
    const admin = await adminOf(tenant);
    const teamName = unique('Payments');
    const team = await createTeam(t, admin, tenant.id, teamName);
    const key = await createKey(t, admin, tenant.id, { team_id: team, expires_at: inDays(clock, 3) });
    await subscribe(t, tenant.admin, key.id, admin);
    await runReminders(t);

    const mails = mailsTo(tenant.admin.email).filter((m) => m.text.includes(key.body.name as string));
    expect(mails).toHaveLength(1);
    const [mail] = mails;
    const expiry = key.body.expires_at as string;
    expect(mail.from).toBe('reminders@gatehouse.test');
    expect(mail.subject).toBe(`API key "${key.body.name}" expires on ${expiry.slice(0, 10)}`);
    for (const body of [mail.text, mail.html]) {
      expect(body).toContain(key.body.name as string);
      expect(body).toContain(key.body.key_prefix as string);
      expect(body).toContain(teamName);
      expect(body).toContain(expiry);
      expect(body).toContain(`${keysPath(tenant.id, key.id, 'rotate')}`);
    }
    expect(mail.html).toMatch(/<p>/);
  });

  it('posts to the tenant webhook, signed with HMAC-SHA-256 over the timestamp and body, for users who chose it', async () => {
    const admin = await adminOf(tenant);
    const member = await createUser(t, admin, tenant.id);
    const put = await t.http
      .put(`/v1/tenants/${tenant.id}/notification-webhook`)
      .set(bearer(admin))
      .send({ url: receiver.url, secret: SECRET })
      .expect(200);
    expect(put.body).toEqual({ url: receiver.url, secret_set: true, created_at: expect.any(String), updated_at: expect.any(String) });
    const got = await t.http.get(`/v1/tenants/${tenant.id}/notification-webhook`).set(bearer(admin)).expect(200);
    expect(JSON.stringify(got.body)).not.toContain(SECRET);
    const [stored] = await t.dataSource.query(`SELECT secret::text AS secret FROM tenant_notification_webhooks WHERE tenant_id = $1`, [tenant.id]);
    expect(stored.secret).not.toContain(SECRET);
    // Only tenant admins set it; another tenant does not exist for them.
    const other = await newTenant();
    expect((await t.http.get(`/v1/tenants/${tenant.id}/notification-webhook`).set(bearer(member.token)).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.get(`/v1/tenants/${tenant.id}/notification-webhook`).set(bearer(other.admin.token)).expect(404)).body.code).toBe('TENANT_NOT_FOUND');
    expect((await t.http.get(`/v1/tenants/${other.id}/notification-webhook`).set(bearer(other.admin.token)).expect(404)).body.code).toBe(
      'NOTIFICATION_WEBHOOK_NOT_FOUND',
    );

    const key = await createKey(t, member.token, tenant.id, { expires_at: inDays(clock, 2) });
    await subscribe(t, member, key.id, member.token);
    await setPreference(t, member, { channels: ['webhook'] });
    await runReminders(t);

    const hooks = receiver.received.filter((h) => (h.body.api_key as { id: string }).id === key.id);
    expect(hooks).toHaveLength(1);
    expect(hooks[0].signatureValid).toBe(true);
    expect(hooks[0].timestamp).toBe(String(Math.floor(clock.now().getTime() / 1000)));
    expect(hooks[0].body).toMatchObject({
      type: 'api_key.expiring',
      tenant_id: tenant.id,
      api_key: { id: key.id, name: key.body.name, prefix: key.body.key_prefix, expires_at: key.body.expires_at },
      user: { id: member.id, email: member.email },
    });
    expect(mailsTo(member.email)).toHaveLength(0);
    expect(await inboxOf(t, member.id)).toHaveLength(1);
  });

  it('refuses a bad webhook with a 400 and removes it on DELETE', async () => {
    const other = await newTenant();
    const path = `/v1/tenants/${other.id}/notification-webhook`;
    for (const body of [
      { url: 'ftp://example.com/hook', secret: SECRET },
      { url: 'not a url', secret: SECRET },
      { url: receiver.url, secret: 'short' },
      { url: receiver.url },
      { url: receiver.url, secret: SECRET, extra: true },
    ]) {
      const res = await t.http.put(path).set(bearer(other.admin.token)).send(body).expect(400);
      expect(res.body).toMatchObject({ statusCode: 400, code: 'VALIDATION_FAILED' });
      expect(JSON.stringify(res.body)).not.toContain(SECRET);
    }
    await t.http.put(path).set(bearer(other.admin.token)).send({ url: receiver.url, secret: SECRET }).expect(200);
    await t.http.delete(path).set(bearer(other.admin.token)).expect(204);
    expect((await t.http.delete(path).set(bearer(other.admin.token)).expect(404)).body.code).toBe('NOTIFICATION_WEBHOOK_NOT_FOUND');
  });

  it('reminds again when the key expiry moves, for the new date', async () => {
    const { user, key } = await followedKey(5);
    await runReminders(t);
    expect(await inboxOf(t, user.id)).toHaveLength(1);

    const moved = inDays(clock, 20);
    await t.http.patch(keysPath(tenant.id, key.id)).set(bearer(await login(t, user.email, user.password, tenant.id))).send({ expires_at: moved }).expect(200);
    await runReminders(t);
    expect(await inboxOf(t, user.id)).toHaveLength(1);

    clock.advance(14 * DAY_MS);
    await runReminders(t);
    const inbox = await inboxOf(t, user.id);
    expect(inbox).toHaveLength(2);
    expect(new Date(inbox[1].payload.api_key.expires_at).toISOString()).toBe(moved);
    expect(mailsTo(user.email)).toHaveLength(2);
  });

  it('sends one expired notice after a followed key expires, and nothing after', async () => {
    const { user, key } = await followedKey(1);
    await runReminders(t);
    clock.advance(2 * DAY_MS);
    await runReminders(t);
    await runReminders(t);
    expect((await inboxOf(t, user.id)).map((n) => n.kind)).toEqual(['api_key.expiring', 'api_key.expired']);
    const expired = mailsTo(user.email).filter((m) => m.subject === `API key "${key.body.name}" has expired`);
    expect(expired).toHaveLength(1);
  });

  it("caps a user's notice period at the tenant maximum", async () => {
    const other = await newTenant();
    const far = await followedKey(20, other);
    const near = await followedKey(9, other);
    const byDefault = await followedKey(8, other);
    // Both ask for 30 days while the tenant allows it; then the tenant lowers its maximum to 10
    // (and its default to 5, which the third, without a preference of its own, gets).
    await setPreference(t, far.user, { days_before_expiry: 30 });
    await setPreference(t, near.user, { days_before_expiry: 30 });
    const policy = (await t.http.get(policyPath(other.id)).set(bearer(other.admin.token)).expect(200)).body;
    policy.notification_policy = { enabled: true, default_days_before_expiry: 5, max_days_before_expiry: 10 };
    await t.http.put(policyPath(other.id)).set(bearer(other.admin.token)).send(policy).expect(200);
    await runReminders(t);
    expect(await inboxOf(t, far.user.id)).toHaveLength(0);
    expect(await inboxOf(t, near.user.id)).toHaveLength(1);
    expect(await inboxOf(t, byDefault.user.id)).toHaveLength(0);

    clock.advance(3 * DAY_MS);
    await runReminders(t);
    expect(await inboxOf(t, byDefault.user.id)).toHaveLength(1);
    expect(await inboxOf(t, far.user.id)).toHaveLength(0);
  });

  it('sends nothing to a user who turned reminders off, nor in a tenant whose policy turns them off', async () => {
    const off = await followedKey(3);
    await setPreference(t, off.user, { enabled: false });

    const quiet = await newTenant();
    const policy = (await t.http.get(policyPath(quiet.id)).set(bearer(quiet.admin.token)).expect(200)).body;
    policy.notification_policy = { ...policy.notification_policy, enabled: false };
    await t.http.put(policyPath(quiet.id)).set(bearer(quiet.admin.token)).send(policy).expect(200);
    const silenced = await followedKey(3, quiet);
    const control = await followedKey(3);

    await runReminders(t);
    expect(await inboxOf(t, off.user.id)).toHaveLength(0);
    expect(await inboxOf(t, silenced.user.id)).toHaveLength(0);
    expect(await deliveriesOf(t, silenced.key.id)).toEqual([]);
    expect(mailsTo(off.user.email)).toHaveLength(0);
    expect(await inboxOf(t, control.user.id)).toHaveLength(1);
  });

  it('runs on demand for system administrators only, answering its counts', async () => {
    const { user } = await followedKey(2);
    const path = '/v1/admin/notifications/api-key-reminders/run';
    await t.http.post(path).expect(401);
    expect((await t.http.post(path).set(bearer(await adminOf(tenant))).expect(403)).body.code).toBe('FORBIDDEN');

    const res = await t.http.post(path).set(bearer(await loginAsAdmin(t))).expect(200);
    expect(res.body).toEqual({
      keys_scanned: expect.any(Number),
      due: 2,
      sent: { in_app: 1, email: 1, webhook: 0 },
      failed: 0,
      retried: 0,
      gave_up: 0,
    });
    expect(res.body.keys_scanned).toBeGreaterThanOrEqual(1);
    expect(await inboxOf(t, user.id)).toHaveLength(1);
  });
});
