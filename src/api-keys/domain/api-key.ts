import type { ApiKeyType } from './api-key-secret';
import type { KeyRejection } from './api-key-errors';

/** A grant on one object of the authorization graph, e.g. `{ type: 'workspace', id, permissions: ['view'] }`. */
export interface ResourcePermission {
  type: string;
  id: string;
  permissions: string[];
}

/** Which HTTP methods a key may call: read (GET, HEAD, OPTIONS), write (POST, PUT, PATCH), admin (DELETE). */
export type KeyPermission = 'read' | 'write' | 'admin';

/** Where a key may act: its whole tenant, one workspace and its subtree, or one team. */
export type KeyScope = { type: 'tenant' } | { type: 'workspace'; id: string } | { type: 'team'; id: string };

/** Why a key was suspended or revoked: a fixed list, so reports can group by it. */
export const KEY_REASON_CODES = [
  'security_concern',
  'abuse_detected',
  'user_request',
  'admin_action',
  'policy_violation',
  'key_compromised',
  'user_offboarding',
  'rotation_completed',
  'other',
] as const;
export type KeyReasonCode = (typeof KEY_REASON_CODES)[number];

/** Access limits checked on every use of a key (also held by the verification cache). */
export interface KeyControls {
  permission: KeyPermission;
  scope: KeyScope;
  /** Public keys: the browser origins (scheme://host[:port]) that may use the key. */
  allowedOrigins: string[];
  /** Secret keys: client addresses or CIDR ranges, v4 or v6; empty means any. */
  allowedIps: string[];
  /** Requests per minute; null means no per-key limit. */
  rateLimitPerMinute: number | null;
  suspendedAt: Date | null;
}

/** An API key as stored: never the key itself, only its display prefix (the hash stays in persistence). */
export interface ApiKey extends KeyControls {
  id: string;
  tenantId: string;
  userId: string;
  teamId: string | null;
  name: string;
  type: ApiKeyType;
  keyPrefix: string;
  scopes: string[];
  resourcePermissions: ResourcePermission[];
  expiresAt: Date | null;
  lastUsedAt: Date | null;
  createdAt: Date;
  updatedAt: Date;
  /** In the future while a rotated key is in its grace period; from then on the key is revoked. */
  revokedAt: Date | null;
  /** Free text given with the revocation (<= 500 characters). */
  revocationReason: string | null;
  revocationReasonCode: KeyReasonCode | null;
  suspensionReasonCode: KeyReasonCode | null;
  suspensionReasonText: string | null;
  /** The key this one replaced by rotation. */
  rotatedFromId: string | null;
}

export type ApiKeyState = 'active' | 'suspended' | 'expired' | 'revoked';
export const API_KEY_STATES: readonly ApiKeyState[] = ['active', 'suspended', 'expired', 'revoked'];

/** What the state of a key is derived from (both ApiKey and the verification cache's VerifiedKey hold it). */
export type KeyStateFields = Pick<ApiKey, 'expiresAt' | 'revokedAt' | 'revocationReasonCode' | 'suspendedAt'>;

const passed = (at: Date | null, now: Date): boolean => at !== null && at.getTime() <= now.getTime();

/**
 * Revoked outright (by a person, a leak lookup or a policy), as opposed to a rotated key whose
 * grace period ran out: a rotation leaves no reason code until maintenance records `rotation_completed`.
 */
function revokedOutright(key: KeyStateFields, now: Date): boolean {
  return passed(key.revokedAt, now) && key.revocationReasonCode !== null && key.revocationReasonCode !== 'rotation_completed';
}

/**
 * In order of precedence: revoked, then expired, then past its rotation grace (counts as revoked),
 * then suspended. A revoked key says so even after it would have expired; a rotated key that
 * expired before its grace ended says it expired.
 */
export function stateOf(key: KeyStateFields, now: Date): ApiKeyState {
  if (revokedOutright(key, now)) return 'revoked';
  if (passed(key.expiresAt, now)) return 'expired';
  if (passed(key.revokedAt, now)) return 'revoked';
  if (key.suspendedAt !== null) return 'suspended';
  return 'active';
}

const REJECTION_OF_STATE: Record<ApiKeyState, KeyRejection | undefined> = {
  active: undefined,
  suspended: 'API_KEY_SUSPENDED',
  expired: 'API_KEY_EXPIRED',
  revoked: 'API_KEY_REVOKED',
};

/** What a key's use depends on beyond its own row: its owner, as the owner is now. */
export interface KeyOwnerFields {
  /** The owner is disabled: the key stops until the owner is enabled again (its own state is unchanged). */
  ownerDisabled: boolean;
}

/**
 * Why a key whose secret matched may not be used now, if it may not: its own state first, then
 * its owner's (a disabled owner's revoked key still answers revoked).
 */
export function rejectionOf(key: KeyStateFields & Partial<KeyOwnerFields>, now: Date): KeyRejection | undefined {
  return REJECTION_OF_STATE[stateOf(key, now)] ?? (key.ownerDisabled ? 'API_KEY_OWNER_DISABLED' : undefined);
}

/**
 * The most a key may do for someone, by what that person may do in the key's tenant: tenant (and
 * system) administrators up to `admin`, everyone else up to `write`. Held at creation and on every use.
 */
export function ceilingForManager(managesTenant: boolean): KeyPermission {
  return managesTenant ? 'admin' : 'write';
}

/** Revoked for good, or scheduled to be (a rotated key in its grace period): no longer editable. */
export function isRetired(key: Pick<ApiKey, 'revokedAt'>): boolean {
  return key.revokedAt !== null;
}

/** When a rotated key stops: the grace period's end, but never later than it would have stopped anyway. */
export function graceEnd(key: Pick<ApiKey, 'expiresAt'>, now: Date, graceSeconds: number): Date {
  const end = new Date(now.getTime() + graceSeconds * 1000);
  return key.expiresAt && key.expiresAt.getTime() < end.getTime() ? key.expiresAt : end;
}

/** Whether a key grants `scope`; `*` grants all. */
export function hasScope(scopes: readonly string[], scope: string): boolean {
  return scopes.includes(scope) || scopes.includes('*');
}
