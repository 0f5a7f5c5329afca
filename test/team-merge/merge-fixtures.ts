import { TestApp } from '../support/test-app';
import { bearer, createTeam, createTenant, createUser, TenantFixture, unique, UserFixture } from '../support/iam-fixtures';
import { createKey, keysPath } from '../api-keys/key-fixtures';

export const mergePath = (tenantId: string, targetTeamId: string): string => `/v1/tenants/${tenantId}/teams/${targetTeamId}/merge`;

export interface MergeScenario {
  tenant: TenantFixture;
  source: string;
  target: string;
  sourceName: string;
}

/** A tenant with two teams (the source named `sourceName`). */
export async function twoTeams(t: TestApp, systemToken: string, sourceName = unique('Source Team')): Promise<MergeScenario> {
  const tenant = await createTenant(t, systemToken);
  const source = await createTeam(t, tenant.admin.token, tenant.id, sourceName);
  const target = await createTeam(t, tenant.admin.token, tenant.id);
  return { tenant, source, target, sourceName };
}

export async function addMember(t: TestApp, s: MergeScenario, team: string, user: UserFixture, role: 'admin' | 'member'): Promise<void> {
  const res = await t.http.post(`/v1/tenants/${s.tenant.id}/teams/${team}/members`).set(bearer(s.tenant.admin.token)).send({ user_id: user.id, role });
  if (res.status !== 204) throw new Error(`membership failed: ${res.status} ${JSON.stringify(res.body)}`);
}

export const newUser = (t: TestApp, s: MergeScenario): Promise<UserFixture> => createUser(t, s.tenant.admin.token, s.tenant.id);

/** A team key named `name`, issued by the tenant admin; returns its id. */
export async function teamKey(t: TestApp, s: MergeScenario, team: string, name: string, token = s.tenant.admin.token): Promise<string> {
  return (await createKey(t, token, s.tenant.id, { name, team_id: team })).id;
}

export async function keyOf(t: TestApp, s: MergeScenario, keyId: string): Promise<Record<string, unknown>> {
  const res = await t.http.get(keysPath(s.tenant.id, keyId)).set(bearer(s.tenant.admin.token));
  if (res.status !== 200) throw new Error(`key read failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as Record<string, unknown>;
}

export async function membersOf(t: TestApp, s: MergeScenario, team: string): Promise<Array<{ user_id: string; role: string }>> {
  const res = await t.http.get(`/v1/tenants/${s.tenant.id}/teams/${team}/members`).set(bearer(s.tenant.admin.token)).expect(200);
  return (res.body.items as Array<{ user_id: string; role: string }>)
    .map(({ user_id, role }) => ({ user_id, role }))
    .sort((a, b) => a.user_id.localeCompare(b.user_id));
}

/** Everything a merge may change about two teams, read through the API. */
export async function snapshot(t: TestApp, s: MergeScenario): Promise<unknown> {
  const keys = await t.http.get(`${keysPath(s.tenant.id)}?limit=100`).set(bearer(s.tenant.admin.token)).expect(200);
  const source = await t.http.get(`/v1/tenants/${s.tenant.id}/teams/${s.source}`).set(bearer(s.tenant.admin.token));
  return {
    sourceStatus: source.status,
    sourceMembers: source.status === 200 ? await membersOf(t, s, s.source) : null,
    targetMembers: await membersOf(t, s, s.target),
    keys: (keys.body.items as Array<Record<string, unknown>>)
      .map((k) => ({ id: k.id, name: k.name, team_id: k.team_id, state: k.state }))
      .sort((a, b) => String(a.id).localeCompare(String(b.id))),
  };
}
