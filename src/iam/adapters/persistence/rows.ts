import type { MemberRef, Plan, Product, Role, Team, TeamMember, Tenant, User, UserWithCredentials, Workspace, WorkspaceMember } from '../../domain/iam';
import type { Page, PageRequest } from '../../application/ports/page';

/** Row shapes as PostgreSQL returns them, and their mapping to the domain records. */

type Row = Record<string, unknown>;
const date = (v: unknown): Date => (v instanceof Date ? v : new Date(String(v)));
const dateOrNull = (v: unknown): Date | null => (v === null || v === undefined ? null : date(v));

export const TENANT_COLUMNS = `t.id, t.name, t.plan, t.api_key_policy, t.settings, t.created_at, t.updated_at,
  (SELECT w.id FROM workspaces w WHERE w.tenant_id = t.id AND w.is_root) AS root_workspace_id`;

export const toTenant = (r: Row): Tenant => ({
  id: String(r.id),
  name: String(r.name),
  plan: r.plan as Plan,
  apiKeyPolicy: (r.api_key_policy ?? {}) as Record<string, unknown>,
  settings: (r.settings ?? {}) as Record<string, unknown>,
  rootWorkspaceId: (r.root_workspace_id as string | null) ?? null,
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
});

export const USER_COLUMNS = `u.id, u.tenant_id, u.email, u.role, u.is_system_admin, u.disabled_at, u.created_at`;

export const toUser = (r: Row): User => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  email: String(r.email),
  role: r.role as Role,
  isSystemAdmin: Boolean(r.is_system_admin),
  disabledAt: dateOrNull(r.disabled_at),
  createdAt: date(r.created_at),
});

export const toUserWithCredentials = (r: Row): UserWithCredentials => ({ ...toUser(r), passwordHash: String(r.password_hash) });

export const WORKSPACE_COLUMNS = `w.id, w.tenant_id, w.parent_workspace_id, w.name, w.is_root, w.created_at, w.updated_at`;

export const toWorkspace = (r: Row): Workspace => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  parentWorkspaceId: (r.parent_workspace_id as string | null) ?? null,
  name: String(r.name),
  isRoot: Boolean(r.is_root),
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
});

export const toWorkspaceMember = (r: Row): WorkspaceMember => ({
  workspaceId: String(r.workspace_id),
  member: (r.user_id ? { kind: 'user', id: String(r.user_id) } : { kind: 'team', id: String(r.team_id) }) as MemberRef,
  role: r.role as Role,
  createdAt: date(r.created_at),
});

export const TEAM_COLUMNS = `x.id, x.tenant_id, x.name, x.created_at, x.updated_at,
  ARRAY(SELECT tp.product_id::text FROM team_products tp WHERE tp.team_id = x.id AND tp.active ORDER BY tp.attached_at) AS active_product_ids`;

export const toTeam = (r: Row): Team => ({
  id: String(r.id),
  tenantId: String(r.tenant_id),
  name: String(r.name),
  createdAt: date(r.created_at),
  updatedAt: date(r.updated_at),
  activeProductIds: (r.active_product_ids as string[] | null) ?? [],
});

export const toTeamMember = (r: Row): TeamMember => ({
  teamId: String(r.team_id),
  userId: String(r.user_id),
  role: r.role as Role,
  createdAt: date(r.created_at),
});

export const toProduct = (r: Row): Product => ({ id: String(r.id), name: String(r.name), createdAt: date(r.created_at) });

/** The position column every paginated query selects: creation time in exact microseconds. */
export const positionColumn = (alias: string): string => `(extract(epoch FROM ${alias}.created_at) * 1000000)::bigint::text AS page_position`;

/**
 * Keyset pagination on (created_at, id) of the table aliased `alias`: the condition and limit to
 * append, with their parameters numbered after `params`.
 */
export function pageClause(alias: string, page: PageRequest, params: unknown[]): string {
  let clause = '';
  if (page.after) {
    params.push(page.after.createdAtMicros, page.after.id);
    const at = `'epoch'::timestamptz + $${params.length - 1}::bigint * interval '1 microsecond'`;
    clause += ` AND (${alias}.created_at, ${alias}.id) > (${at}, $${params.length}::uuid)`;
  }
  params.push(page.limit + 1);
  return `${clause} ORDER BY ${alias}.created_at, ${alias}.id LIMIT $${params.length}`;
}

/** Maps the rows, cuts the look-ahead row off, and says where the next page starts. */
export function toPage<T>(rows: Row[], page: PageRequest, map: (row: Row) => T): Page<T> {
  const kept = rows.slice(0, page.limit);
  const last = kept[kept.length - 1];
  const next = rows.length > page.limit ? { createdAtMicros: String(last.page_position), id: String(last.id) } : undefined;
  return { items: kept.map(map), next };
}

/** PostgreSQL's unique_violation, as TypeORM surfaces it. */
export function isUniqueViolation(error: unknown, constraint?: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}

export function isForeignKeyViolation(error: unknown): boolean {
  const e = error as { code?: string; driverError?: { code?: string } };
  return (e.driverError?.code ?? e.code) === '23503';
}
