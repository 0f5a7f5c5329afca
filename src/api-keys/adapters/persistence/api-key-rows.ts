import type { ApiKey, KeyControls, KeyPermission, KeyReasonCode, ResourcePermission } from '../../domain/api-key';
import type { ApiKeyType } from '../../domain/api-key-secret';
import { effectivePermission, type VerifiedKey } from '../../application/verified-key';

/** Every column but the hash, which never leaves persistence except through the lookup function. */
export const KEY_COLUMNS = `k.id, k.tenant_id, k.user_id, k.team_id, k.name, k.key_type, k.key_prefix, k.scopes, k.resource_permissions,
  k.expires_at, k.last_used_at, k.created_at, k.updated_at, k.revoked_at, k.revocation_reason, k.rotated_from_id,
  k.permission, k.scope_type, k.scope_id, k.allowed_origins, k.allowed_ips, k.rate_limit_per_minute, k.suspended_at,
  k.revocation_reason_code, k.suspension_reason_code, k.suspension_reason_text`;

/** The columns of KeyControls, as both the table and the lookup function return them. */
interface ControlRow {
  permission: KeyPermission;
  scope_type: 'tenant' | 'workspace' | 'team';
  scope_id: string | null;
  allowed_origins: string[];
  allowed_ips: string[];
  rate_limit_per_minute: number | null;
  suspended_at: Date | null;
}

function toControls(row: ControlRow): KeyControls {
  return {
    permission: row.permission,
    scope: row.scope_type === 'tenant' || row.scope_id === null ? { type: 'tenant' } : { type: row.scope_type, id: row.scope_id },
    allowedOrigins: row.allowed_origins,
    allowedIps: row.allowed_ips,
    rateLimitPerMinute: row.rate_limit_per_minute,
    suspendedAt: row.suspended_at,
  };
}

/** Creation time in microseconds, as text: the page position PostgreSQL can compare exactly. */
export const POSITION_COLUMN = `(extract(epoch FROM k.created_at) * 1000000)::bigint::text AS position_micros`;

interface KeyRow extends ControlRow {
  id: string;
  tenant_id: string;
  user_id: string;
  team_id: string | null;
  name: string;
  key_type: ApiKeyType;
  key_prefix: string;
  scopes: string[];
  resource_permissions: ResourcePermission[];
  expires_at: Date | null;
  last_used_at: Date | null;
  created_at: Date;
  updated_at: Date;
  revoked_at: Date | null;
  revocation_reason: string | null;
  rotated_from_id: string | null;
  revocation_reason_code: KeyReasonCode | null;
  suspension_reason_code: KeyReasonCode | null;
  suspension_reason_text: string | null;
}

export function toApiKey(row: KeyRow): ApiKey {
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    teamId: row.team_id,
    name: row.name,
    type: row.key_type,
    keyPrefix: row.key_prefix,
    scopes: row.scopes,
    resourcePermissions: row.resource_permissions,
    expiresAt: row.expires_at,
    lastUsedAt: row.last_used_at,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    revokedAt: row.revoked_at,
    revocationReason: row.revocation_reason,
    revocationReasonCode: row.revocation_reason_code,
    suspensionReasonCode: row.suspension_reason_code,
    suspensionReasonText: row.suspension_reason_text,
    rotatedFromId: row.rotated_from_id,
    ...toControls(row),
  };
}

export interface LookupRow extends ControlRow {
  id: string;
  tenant_id: string;
  user_id: string;
  team_id: string | null;
  key_type: ApiKeyType;
  key_hash: string;
  scopes: string[];
  resource_permissions: ResourcePermission[];
  expires_at: Date | null;
  revoked_at: Date | null;
  revocation_reason_code: KeyReasonCode | null;
  owner_disabled_at: Date | null;
  owner_role: 'admin' | 'member';
  owner_is_system_admin: boolean;
}

/** The owner as it is now decides what the key may do: computed here, so the cache holds the effective level. */
export function toVerifiedKey(row: LookupRow): VerifiedKey & { keyHash: string } {
  const controls = toControls(row);
  return {
    id: row.id,
    tenantId: row.tenant_id,
    userId: row.user_id,
    teamId: row.team_id,
    type: row.key_type,
    keyHash: row.key_hash,
    scopes: row.scopes,
    resourcePermissions: row.resource_permissions,
    expiresAt: row.expires_at,
    revokedAt: row.revoked_at,
    revocationReasonCode: row.revocation_reason_code,
    ...controls,
    // A disabled owner manages nothing; its keys are refused anyway (ownerDisabled).
    permission: effectivePermission(controls.permission, row.owner_disabled_at === null && (row.owner_role === 'admin' || row.owner_is_system_admin)),
    ownerDisabled: row.owner_disabled_at !== null,
  };
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && name === constraint;
}
