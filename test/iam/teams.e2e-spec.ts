import { Clock, ManualClock } from '../../src/platform';
import { bearer, createTeam, createTenant, createUser, login, loginAsAdmin, startIamApp, TenantFixture, unique, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';

const DAY = 24 * 3600_000;

describe('Teams and products', () => {
  let t: TestApp;
  const clock = new ManualClock(new Date('2026-05-01T00:00:00Z'));
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let member: UserFixture;
  const teams = (tenantId: string, id = '') => `/v1/tenants/${tenantId}/teams${id ? `/${id}` : ''}`;

  beforeAll(async () => {
    t = await startIamApp({ override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
    member = await createUser(t, a.admin.token, a.id);
  });
  afterAll(() => t?.close());

  it('creates, gets, renames and deletes a team (tenant admins)', async () => {
    const name = unique('Search');
    const res = await t.http.post(teams(a.id)).set(bearer(a.admin.token)).send({ name }).expect(201);
    expect(res.body).toMatchObject({ name, tenant_id: a.id, active_product_ids: [], expired: false });
    await t.http.get(teams(a.id, res.body.id)).set(bearer(a.admin.token)).expect(200);
    expect((await t.http.patch(teams(a.id, res.body.id)).set(bearer(a.admin.token)).send({ name: 'Renamed' }).expect(200)).body.name).toBe('Renamed');
    await t.http.delete(teams(a.id, res.body.id)).set(bearer(a.admin.token)).expect(204);
    expect((await t.http.get(teams(a.id, res.body.id)).set(bearer(a.admin.token)).expect(404)).body.code).toBe('TEAM_NOT_FOUND');
  });

  it('keeps team names unique per tenant (409 TEAM_NAME_TAKEN)', async () => {
    const name = unique('dup');
    const first = await createTeam(t, a.admin.token, a.id, name);
    expect((await t.http.post(teams(a.id)).set(bearer(a.admin.token)).send({ name: name.toUpperCase() }).expect(409)).body.code).toBe('TEAM_NAME_TAKEN');
    const second = await createTeam(t, a.admin.token, a.id);
    expect((await t.http.patch(teams(a.id, second)).set(bearer(a.admin.token)).send({ name }).expect(409)).body.code).toBe('TEAM_NAME_TAKEN');
    await t.http.post(teams(b.id)).set(bearer(b.admin.token)).send({ name }).expect(201);
    expect(first).not.toBe(second);
  });

  it('refuses members creating teams (403) and other tenants (404)', async () => {
    await t.http.post(teams(a.id)).set(bearer(member.token)).send({ name: unique('x') }).expect(403);
    await t.http.post(teams(a.id)).set(bearer(b.admin.token)).send({ name: unique('x') }).expect(404);
    const team = await createTeam(t, a.admin.token, a.id);
    await t.http.get(teams(a.id, team)).set(bearer(member.token)).expect(404);
    await t.http.delete(teams(a.id, team)).set(bearer(member.token)).expect(404);
  });

  it('adds, lists and removes members with a role; a team admin manages its team', async () => {
    const team = await createTeam(t, a.admin.token, a.id);
    const lead = await createUser(t, a.admin.token, a.id);
    await t.http.post(`${teams(a.id, team)}/members`).set(bearer(a.admin.token)).send({ user_id: lead.id, role: 'admin' }).expect(204);
    await t.http.post(`${teams(a.id, team)}/members`).set(bearer(lead.token)).send({ user_id: member.id, role: 'member' }).expect(204);
    const list = await t.http.get(`${teams(a.id, team)}/members`).set(bearer(member.token)).expect(200);
    expect(list.body.items.map((m: { user_id: string; role: string }) => [m.user_id, m.role]).sort()).toEqual(
      [[lead.id, 'admin'], [member.id, 'member']].sort(),
    );
    await t.http.patch(teams(a.id, team)).set(bearer(member.token)).send({ name: unique('mine') }).expect(403);
    await t.http.post(`${teams(a.id, team)}/members`).set(bearer(member.token)).send({ user_id: lead.id, role: 'member' }).expect(403);
    await t.http.patch(teams(a.id, team)).set(bearer(lead.token)).send({ name: unique('lead') }).expect(200);
    await t.http.delete(`${teams(a.id, team)}/members/${member.id}`).set(bearer(lead.token)).expect(204);
    await t.http.get(teams(a.id, team)).set(bearer(member.token)).expect(404);
    expect((await t.http.delete(`${teams(a.id, team)}/members/${member.id}`).set(bearer(lead.token)).expect(404)).body.code).toBe('MEMBER_NOT_FOUND');
    expect((await t.http.post(`${teams(a.id, team)}/members`).set(bearer(lead.token)).send({ user_id: b.admin.id, role: 'member' }).expect(404)).body.code).toBe('USER_NOT_FOUND');
  });

  it('lists the teams a caller may view, in pages', async () => {
    const c = await createTenant(t, systemToken);
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      ids.push(await createTeam(t, c.admin.token, c.id));
      clock.advance(1000); // lists are in creation order
    }
    const first = await t.http.get(teams(c.id)).query({ limit: 2 }).set(bearer(c.admin.token)).expect(200);
    const second = await t.http.get(teams(c.id)).query({ limit: 2, cursor: first.body.next_cursor }).set(bearer(c.admin.token)).expect(200);
    expect([...first.body.items, ...second.body.items].map((x: { id: string }) => x.id)).toEqual(ids);
    expect(second.body.next_cursor).toBeNull();
    const u = await createUser(t, c.admin.token, c.id);
    expect((await t.http.get(teams(c.id)).set(bearer(u.token)).expect(200)).body.items).toEqual([]);
    await t.http.post(`${teams(c.id, ids[1])}/members`).set(bearer(c.admin.token)).send({ user_id: u.id, role: 'member' }).expect(204);
    expect((await t.http.get(teams(c.id)).set(bearer(u.token)).expect(200)).body.items.map((x: { id: string }) => x.id)).toEqual([ids[1]]);
  });

  it('keeps the product catalogue for system administrators (409 PRODUCT_NAME_TAKEN)', async () => {
    const name = unique('Copilot');
    const res = await t.http.post('/v1/products').set(bearer(systemToken)).send({ name }).expect(201);
    expect(res.body).toMatchObject({ name, id: expect.any(String) });
    expect((await t.http.post('/v1/products').set(bearer(systemToken)).send({ name }).expect(409)).body.code).toBe('PRODUCT_NAME_TAKEN');
    expect((await t.http.post('/v1/products').set(bearer(a.admin.token)).send({ name: unique('x') }).expect(403)).body.code).toBe('FORBIDDEN');
    const list = await t.http.get('/v1/products').set(bearer(member.token)).expect(200);
    expect(list.body.items.map((p: { id: string }) => p.id)).toContain(res.body.id);
  });

  it('expires a team after the trial without an active product; attaching one revives it, detaching expires it again', async () => {
    const team = await createTeam(t, a.admin.token, a.id);
    const product = (await t.http.post('/v1/products').set(bearer(systemToken)).send({ name: unique('Chat') }).expect(201)).body.id;
    clock.advance(30 * DAY);
    // Sessions do not outlive a month: sign in again on the moved clock.
    a.admin.token = await login(t, a.admin.email, a.admin.password);
    systemToken = await loginAsAdmin(t);
    expect((await t.http.get(teams(a.id, team)).set(bearer(a.admin.token)).expect(200)).body.expired).toBe(false);
    clock.advance(DAY);
    a.admin.token = await login(t, a.admin.email, a.admin.password);
    systemToken = await loginAsAdmin(t);
    expect((await t.http.get(teams(a.id, team)).set(bearer(a.admin.token)).expect(200)).body.expired).toBe(true);

    expect((await t.http.post(`${teams(a.id, team)}/products`).set(bearer(a.admin.token)).send({ product_id: product }).expect(403)).body.code).toBe('FORBIDDEN');
    const attached = await t.http.post(`${teams(a.id, team)}/products`).set(bearer(systemToken)).send({ product_id: product }).expect(201);
    expect(attached.body).toMatchObject({ active_product_ids: [product], expired: false });
    expect((await t.http.get(teams(a.id, team)).set(bearer(a.admin.token)).expect(200)).body.expired).toBe(false);

    await t.http.delete(`${teams(a.id, team)}/products/${product}`).set(bearer(a.admin.token)).expect(403);
    await t.http.delete(`${teams(a.id, team)}/products/${product}`).set(bearer(systemToken)).expect(204);
    expect((await t.http.get(teams(a.id, team)).set(bearer(a.admin.token)).expect(200)).body).toMatchObject({ active_product_ids: [], expired: true });
    expect((await t.http.delete(`${teams(a.id, team)}/products/${product}`).set(bearer(systemToken)).expect(404)).body.code).toBe('PRODUCT_NOT_FOUND');
    expect((await t.http.post(`${teams(a.id, team)}/products`).set(bearer(systemToken)).send({ product_id: a.id }).expect(404)).body.code).toBe('PRODUCT_NOT_FOUND');
  });
});
