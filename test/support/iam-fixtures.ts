import { randomBytes } from 'node:crypto';
import { startTestApp, TestApp, TestAppOptions } from './test-app';

/** The bootstrap system administrator every IAM-aware suite starts with. */
export const ADMIN_EMAIL = 'root@gatehouse.test';
export const ADMIN_PASSWORD = 'bootstrap-admin-password-0001';
export const IAM_ENV: Record<string, string> = { GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL, GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD };

/** A password that passes the default policy. */
export const PASSWORD = 'a-long-enough-password';

/** The whole app, with the bootstrap administrator's credentials configured. */
export function startIamApp(options: TestAppOptions = {}): Promise<TestApp> {
  return startTestApp({ ...options, env: { ...IAM_ENV, ...options.env } });
}

export const bearer = (token: string): Record<string, string> => ({ authorization: `Bearer ${token}` });

/** A short random suffix, so names and emails never collide between tests. */
export const unique = (prefix: string): string => `${prefix}-${randomBytes(4).toString('hex')}`;

export async function login(t: TestApp, email: string, password: string, tenantId?: string): Promise<string> {
  const res = await t.http.post('/v1/auth/login').send({ email, password, ...(tenantId ? { tenant_id: tenantId } : {}) });
  if (res.status !== 200) throw new Error(`login of ${email} failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.access_token as string;
}

export const loginAsAdmin = (t: TestApp): Promise<string> => login(t, ADMIN_EMAIL, ADMIN_PASSWORD);

export interface TenantFixture {
  id: string;
  name: string;
  rootWorkspaceId: string;
  admin: UserFixture;
}

export interface UserFixture {
  id: string;
  email: string;
  password: string;
  tenantId: string;
  /** A live session token of this user. */
  token: string;
}

/** A tenant with one tenant admin (logged in), created by the system administrator. */
export async function createTenant(t: TestApp, systemToken: string, options: { name?: string; plan?: string } = {}): Promise<TenantFixture> {
  const name = options.name ?? unique('tenant');
  const email = `${unique('owner')}@example.com`;
  const res = await t.http
    .post('/v1/tenants')
    .set(bearer(systemToken))
    .send({ name, plan: options.plan ?? 'pro', admin: { email, password: PASSWORD } });
  if (res.status !== 201) throw new Error(`tenant creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  const token = await login(t, email, PASSWORD, res.body.id);
  return {
    id: res.body.id,
    name,
    rootWorkspaceId: res.body.root_workspace_id,
    admin: { id: res.body.admin.id, email, password: PASSWORD, tenantId: res.body.id, token },
  };
}

/** A user of `tenantId` created by `token`'s owner (a tenant admin or system administrator), logged in. */
export async function createUser(t: TestApp, token: string, tenantId: string, options: { email?: string; role?: 'admin' | 'member' } = {}): Promise<UserFixture> {
  const email = options.email ?? `${unique('user')}@example.com`;
  const res = await t.http
    .post(`/v1/tenants/${tenantId}/users`)
    .set(bearer(token))
    .send({ email, password: PASSWORD, role: options.role ?? 'member' });
  if (res.status !== 201) throw new Error(`user creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return { id: res.body.id, email, password: PASSWORD, tenantId, token: await login(t, email, PASSWORD, tenantId) };
}

/** A workspace under `parentId` (the root when omitted). */
export async function createWorkspace(t: TestApp, token: string, tenantId: string, parentId?: string, name = unique('ws')): Promise<string> {
  const res = await t.http
    .post(`/v1/tenants/${tenantId}/workspaces`)
    .set(bearer(token))
    .send({ name, ...(parentId ? { parent_workspace_id: parentId } : {}) });
  if (res.status !== 201) throw new Error(`workspace creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}

export async function createTeam(t: TestApp, token: string, tenantId: string, name = unique('team')): Promise<string> {
  const res = await t.http.post(`/v1/tenants/${tenantId}/teams`).set(bearer(token)).send({ name });
  if (res.status !== 201) throw new Error(`team creation failed: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id as string;
}
