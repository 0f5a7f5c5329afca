import { randomUUID } from 'node:crypto';
import { createKey, xApiKey } from '../api-keys/key-fixtures';
import { Clock, ManualClock } from '../../src/platform';
import { bearer, createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { INBOX } from './notification-fixtures';

interface Listed {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  created_at: string;
  read_at: string | null;
}

describe('Notifications: my in-app inbox', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-03-01T12:00:00Z'));
  let a: TenantFixture;
  let b: TenantFixture;

  const asSystem = (sql: string, params: unknown[] = []) =>
    t.dataSource.transaction(async (m) => {
      await m.query('SET LOCAL ROLE app_system');
      return m.query(sql, params);
    });
  /** An inbox row as the reminder job would write it. */
  const deliver = async (user: UserFixture, createdAt: string, readAt: string | null = null, kind = 'api_key.expiring'): Promise<string> => {
    const id = randomUUID();
    await asSystem(`INSERT INTO notifications (id, tenant_id, user_id, kind, payload, created_at, read_at) VALUES ($1, $2, $3, $4, $5::jsonb, $6, $7)`, [
      id,
      user.tenantId,
      user.id,
      kind,
      JSON.stringify({ api_key_id: randomUUID(), days_left: 3 }),
      createdAt,
      readAt,
    ]);
    return id;
  };
  const list = async (token: string, query = '') => (await t.http.get(`${INBOX}${query}`).set(bearer(token)).expect(200)).body;
  const read = (token: string, id: string) => t.http.post(`${INBOX}/${id}/read`).set(bearer(token));

  beforeAll(async () => {
    t = await startIamApp({ override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    const systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
  });
  afterAll(() => t?.close());

  it('lists my notifications unread first, then newest first, with the unread count', async () => {
    const user = await createUser(t, a.admin.token, a.id);
    const other = await createUser(t, a.admin.token, a.id);
    const oldUnread = await deliver(user, '2026-02-01T00:00:00Z');
    const newRead = await deliver(user, '2026-02-20T00:00:00Z', '2026-02-21T00:00:00Z');
    const newUnread = await deliver(user, '2026-02-10T00:00:00Z', null, 'api_key.expired');
    const oldRead = await deliver(user, '2026-01-01T00:00:00Z', '2026-01-02T00:00:00Z');
    await deliver(other, '2026-02-15T00:00:00Z');

    const page = await list(user.token);
    expect(page.items.map((n: Listed) => n.id)).toEqual([newUnread, oldUnread, newRead, oldRead]);
    expect(page.unread_count).toBe(2);
    expect(page.next_cursor).toBeNull();
    expect(page.items[0]).toEqual({
      id: newUnread,
      kind: 'api_key.expired',
      payload: { api_key_id: expect.any(String), days_left: 3 },
      created_at: '2026-02-10T00:00:00.000Z',
      read_at: null,
    });
    expect(page.items[2].read_at).toBe('2026-02-21T00:00:00.000Z');
    expect((await list(other.token)).items).toHaveLength(1);
  });

  it('pages through unread and read without gaps or repeats', async () => {
    const user = await createUser(t, a.admin.token, a.id);
    const expected: string[] = [];
    // Unread, newest first, then read, newest first; two rows share a creation time.
    for (const day of ['09', '08', '08', '05']) expected.push(await deliver(user, `2026-02-${day}T00:00:00Z`));
    for (const day of ['07', '06', '04']) expected.push(await deliver(user, `2026-02-${day}T00:00:00Z`, '2026-02-28T00:00:00Z'));
    const sameTime = expected.slice(1, 3).sort().reverse();
    expected.splice(1, 2, ...sameTime);

    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Listed[]; next_cursor: string | null; unread_count: number } = await list(user.token, `?limit=3${cursor ? `&cursor=${cursor}` : ''}`);
      expect(page.items.length).toBeLessThanOrEqual(3);
      expect(page.unread_count).toBe(4);
      seen.push(...page.items.map((n) => n.id));
      cursor = page.next_cursor;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect((await t.http.get(`${INBOX}?cursor=bogus`).set(bearer(user.token)).expect(400)).body.code).toBe('INVALID_CURSOR');
    expect((await t.http.get(`${INBOX}?limit=101`).set(bearer(user.token)).expect(400)).body.code).toBe('VALIDATION_FAILED');
  });

  it('marks a notification read once, keeping the first read time, and moves it behind the unread ones', async () => {
    const user = await createUser(t, a.admin.token, a.id);
    const first = await deliver(user, '2026-02-10T00:00:00Z');
    const second = await deliver(user, '2026-02-01T00:00:00Z');
    const res = await read(user.token, first).expect(200);
    expect(res.body).toMatchObject({ id: first, read_at: clock.now().toISOString() });
    const firstReadAt = res.body.read_at;

    clock.advance(60_000);
    expect((await read(user.token, first).expect(200)).body.read_at).toBe(firstReadAt);
    const page = await list(user.token);
    expect(page.items.map((n: Listed) => n.id)).toEqual([second, first]);
    expect(page.unread_count).toBe(1);
  });

  it("answers someone else's, another tenant's, unknown and malformed ids as missing or invalid", async () => {
    const user = await createUser(t, a.admin.token, a.id);
    const colleague = await createUser(t, a.admin.token, a.id);
    const stranger = await createUser(t, b.admin.token, b.id);
    const mine = await deliver(user, '2026-02-10T00:00:00Z');
    for (const token of [colleague.token, stranger.token, b.admin.token]) {
      expect((await read(token, mine).expect(404)).body.code).toBe('NOTIFICATION_NOT_FOUND');
    }
    expect((await read(user.token, randomUUID()).expect(404)).body.code).toBe('NOTIFICATION_NOT_FOUND');
    expect((await read(user.token, 'nope').expect(400)).body.code).toBe('INVALID_ID');
    expect((await list(user.token)).items[0]).toMatchObject({ id: mine, read_at: null });
  });

  it('is for people, and row-level security hides other tenants', async () => {
    const user = await createUser(t, a.admin.token, a.id);
    const id = await deliver(user, '2026-02-10T00:00:00Z');
    expect((await t.http.get(INBOX).expect(401)).body.code).toBe('UNAUTHENTICATED');
    const { key } = await createKey(t, user.token, a.id, { scopes: ['api_keys:read'] });
    expect((await t.http.get(INBOX).set(xApiKey(key)).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.post(`${INBOX}/${id}/read`).set(xApiKey(key)).expect(403)).body.code).toBe('FORBIDDEN');

    const asTenant = (tenantId: string, sql: string, params: unknown[]) =>
      t.dataSource.transaction(async (m) => {
        await m.query('SET LOCAL ROLE app_user');
        await m.query(`SELECT set_config('app.current_tenant', $1, true)`, [tenantId]);
        return m.query(sql, params);
      });
    expect(await asTenant(b.id, `SELECT id FROM notifications WHERE id = $1`, [id])).toEqual([]);
    expect(await asTenant(a.id, `SELECT id FROM notifications WHERE id = $1`, [id])).toEqual([{ id }]);
    const [, updated] = await asTenant(b.id, `UPDATE notifications SET read_at = now() WHERE id = $1`, [id]);
    expect(updated).toBe(0);
    await expect(
      asTenant(b.id, `INSERT INTO notifications (tenant_id, user_id, kind, payload) VALUES ($1, $2, 'x', '{}')`, [a.id, user.id]),
    ).rejects.toThrow(/row-level security/);
  });
});
