import { Clock, ManualClock } from '../../src/platform';
import { TransactionRunner } from '../../src/platform/database/transaction-runner';
import { ADMIN_EMAIL, ADMIN_PASSWORD, bearer, createTenant, createUser, login, loginAsAdmin, PASSWORD, startIamApp, TenantFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';

describe('Sessions: login, logout, me', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-03-01T10:00:00Z'));
  let systemToken: string;
  let tenant: TenantFixture;

  beforeAll(async () => {
    t = await startIamApp({
      env: { GATEHOUSE_LOGIN_MAX_FAILURES: '3', GATEHOUSE_LOGIN_WINDOW_SECONDS: '60' },
      override: (b) => b.overrideProvider(Clock).useValue(clock),
    });
    systemToken = await loginAsAdmin(t);
    tenant = await createTenant(t, systemToken);
  });
  afterAll(() => t?.close());

  it('logs in: token in the body, an httpOnly SameSite=Lax cookie, 8 hours for a system administrator', async () => {
    const res = await t.http.post('/v1/auth/login').send({ email: ADMIN_EMAIL, password: ADMIN_PASSWORD }).expect(200);
    expect(res.body).toMatchObject({ token_type: 'Bearer', user: { email: ADMIN_EMAIL, is_system_admin: true, role: 'admin' } });
    expect(res.body.access_token).toMatch(/^[0-9a-f]{64}$/);
    expect(new Date(res.body.expires_at).getTime()).toBe(clock.now().getTime() + 8 * 3600_000);
    const cookie = String(res.headers['set-cookie']);
    expect(cookie).toContain(`gatehouse_session=${res.body.access_token}`);
    expect(cookie).toMatch(/HttpOnly/i);
    expect(cookie).toMatch(/SameSite=Lax/i);
    expect(cookie).toMatch(/Path=\//);
    expect(cookie).not.toMatch(/Secure/i); // only in production
    expect(res.body.user.password_hash).toBeUndefined();
  });

  it('gives users 30 minutes', async () => {
    const res = await t.http.post('/v1/auth/login').send({ email: tenant.admin.email, password: PASSWORD }).expect(200);
    expect(new Date(res.body.expires_at).getTime()).toBe(clock.now().getTime() + 30 * 60_000);
    expect(res.body.user).toMatchObject({ tenant_id: tenant.id, is_system_admin: false });
  });

  it('accepts the token as a Bearer token and as the cookie', async () => {
    const token = await login(t, tenant.admin.email, PASSWORD);
    const viaBearer = await t.http.get('/v1/me').set(bearer(token)).expect(200);
    expect(viaBearer.body).toMatchObject({ id: tenant.admin.id, email: tenant.admin.email, tenant_id: tenant.id, role: 'admin' });
    const viaCookie = await t.http.get('/v1/me').set('cookie', `gatehouse_session=${token}`).expect(200);
    expect(viaCookie.body.id).toBe(tenant.admin.id);
  });

  it('matches emails case-insensitively', async () => {
    await t.http.post('/v1/auth/login').send({ email: tenant.admin.email.toUpperCase(), password: PASSWORD }).expect(200);
  });

  it('answers a wrong password and an unknown email the same way', async () => {
    const wrong = await t.http.post('/v1/auth/login').send({ email: tenant.admin.email, password: 'not-the-password' }).expect(401);
    const unknown = await t.http.post('/v1/auth/login').send({ email: 'nobody@example.com', password: 'not-the-password' }).expect(401);
    expect(wrong.body).toEqual(unknown.body);
    expect(wrong.body.code).toBe('INVALID_CREDENTIALS');
    expect(wrong.headers['set-cookie']).toBeUndefined();
  });

  it('spends the same hashing work on an unknown email as on a wrong password', async () => {
    const time = async (email: string) => {
      const started = process.hrtime.bigint();
      await t.http.post('/v1/auth/login').send({ email, password: 'timing-probe-password' }).expect(401);
      return Number(process.hrtime.bigint() - started) / 1e6;
    };
    const known: number[] = [];
    const unknown: number[] = [];
    for (let i = 0; i < 2; i++) {
      const user = await createUser(t, tenant.admin.token, tenant.id);
      known.push(await time(user.email));
      unknown.push(await time(`ghost-${i}@example.com`));
    }
    const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    // Both run one scrypt (tens of ms); without the dummy hash the unknown email would answer in ~1 ms.
    expect(median(unknown)).toBeGreaterThan(median(known) * 0.5);
  });

  it('throttles repeated failures per email and address with 429 and Retry-After, even for the right password', async () => {
    const user = await createUser(t, tenant.admin.token, tenant.id);
    for (let i = 0; i < 3; i++) await t.http.post('/v1/auth/login').send({ email: user.email, password: 'wrong-password-x' }).expect(401);
    const res = await t.http.post('/v1/auth/login').send({ email: user.email, password: PASSWORD }).expect(429);
    expect(res.body.code).toBe('TOO_MANY_LOGIN_ATTEMPTS');
    expect(Number(res.headers['retry-after'])).toBeGreaterThan(0);
    expect(Number(res.headers['retry-after'])).toBeLessThanOrEqual(60);
    // Another email from the same address is not affected.
    await t.http.post('/v1/auth/login').send({ email: tenant.admin.email, password: PASSWORD }).expect(200);
    clock.advance(61_000);
    await t.http.post('/v1/auth/login').send({ email: user.email, password: PASSWORD }).expect(200);
  });

  it('refuses a malformed body with VALIDATION_FAILED', async () => {
    const res = await t.http.post('/v1/auth/login').send({ email: 'not-an-email' }).expect(400);
    expect(res.body.code).toBe('VALIDATION_FAILED');
  });

  it('needs tenant_id when the email exists in two tenants', async () => {
    const other = await createTenant(t, systemToken);
    const email = `${'shared'}-${Date.now()}@example.com`;
    const a = await createUser(t, tenant.admin.token, tenant.id, { email });
    await createUser(t, other.admin.token, other.id, { email });
    const ambiguous = await t.http.post('/v1/auth/login').send({ email, password: PASSWORD }).expect(401);
    expect(ambiguous.body.code).toBe('INVALID_CREDENTIALS');
    const res = await t.http.post('/v1/auth/login').send({ email, password: PASSWORD, tenant_id: tenant.id }).expect(200);
    expect(res.body.user.id).toBe(a.id);
  });

  it('refuses requests without a credential, with an unknown token, and after logout', async () => {
    expect((await t.http.get('/v1/me').expect(401)).body.code).toBe('UNAUTHENTICATED');
    await t.http.get('/v1/me').set(bearer('f'.repeat(64))).expect(401);
    await t.http.get('/v1/me').set(bearer('sk_live_notasessiontoken')).expect(401);
    const token = await login(t, tenant.admin.email, PASSWORD);
    const out = await t.http.post('/v1/auth/logout').set(bearer(token)).expect(204);
    expect(String(out.headers['set-cookie'])).toMatch(/gatehouse_session=;/);
    expect((await t.http.get('/v1/me').set(bearer(token)).expect(401)).body.code).toBe('UNAUTHENTICATED');
    await t.http.post('/v1/auth/logout').expect(401);
  });

  it('expires a session after its lifetime', async () => {
    const token = await login(t, tenant.admin.email, PASSWORD);
    clock.advance(29 * 60_000);
    await t.http.get('/v1/me').set(bearer(token)).expect(200);
    clock.advance(2 * 60_000);
    await t.http.get('/v1/me').set(bearer(token)).expect(401);
  });

  it('stores only hashes: no token or password in the database or the log', async () => {
    const token = await login(t, tenant.admin.email, PASSWORD);
    const tx = t.app.get(TransactionRunner);
    const sessions = await tx.asSystem(() => tx.manager.query(`SELECT token_hash FROM sessions`));
    expect(sessions.length).toBeGreaterThan(0);
    expect(JSON.stringify(sessions)).not.toContain(token);
    const users = await tx.asSystem(() => tx.manager.query(`SELECT password_hash FROM users`));
    for (const { password_hash } of users) expect(password_hash).toMatch(/^scrypt\$/);
    expect(JSON.stringify(users)).not.toContain(PASSWORD);
    expect(t.log.text).not.toContain(token);
    expect(t.log.text).not.toContain(PASSWORD);
    expect(t.log.text).not.toContain(ADMIN_PASSWORD);
  });
});
