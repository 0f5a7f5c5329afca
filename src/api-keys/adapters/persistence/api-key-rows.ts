import type { ApiKey, ResourcePermission } from '../../domain/api-key';
import type { ApiKeyType } from '../../domain/api-key-secret';
import type { VerifiedKey } from '../../application/verified-key';

/** Every column but the hash, which never leaves persistence except through the lookup function. */
export const KEY_COLUMNS = `k.id, k.tenant_id, k.user_id, k.team_id, k.name, k.key_type, k.key_prefix, k.scopes, k.resource_permissions,
  k.expires_at, k.last_used_at, k.created_at, k.updated_at, k.revoked_at, k.revocation_reason, k.rotated_from_id`;

/** Creation time in microseconds, as text: the page position PostgreSQL can compare exactly. */
export const POSITION_COLUMN = `(extract(epoch FROM k.created_at) * 1000000)::bigint::text AS position_micros`;

interface KeyRow {
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
    rotatedFromId: row.rotated_from_id,
  };
}

export interface LookupRow {
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
}

export function toVerifiedKey(row: LookupRow): VerifiedKey & { keyHash: string } {
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
  };
}

export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const e = error as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e.driverError?.code ?? e.code;
  const name = e.driverError?.constraint ?? e.constraint;
  return code === '23505' && name === constraint;
}
