import type { KeyPermission, KeyScope } from './api-key';
import type { ApiKeyType } from './api-key-secret';
import {
  KeyOriginInvalid,
  KeyOriginsPublicOnly,
  KeyOriginsRequired,
  KeyScopeTeamMismatch,
  PermissionExceedsCreator,
  PublicKeyAdminNotAllowed,
  PublicKeyIpRulesNotAllowed,
} from './api-key-errors';

/** What a key may do and where, beyond its string scopes: the rules, without I/O. */

const RANK: Record<KeyPermission, number> = { read: 0, write: 1, admin: 2 };
export const KEY_PERMISSIONS: readonly KeyPermission[] = ['read', 'write', 'admin'];
export const SCOPE_TYPES = ['tenant', 'workspace', 'team'] as const;

/** Reading methods need `read`, changing ones `write`, DELETE (and anything unknown) `admin`. */
export function permissionForMethod(method: string): KeyPermission {
  switch (method) {
    case 'GET':
    case 'HEAD':
    case 'OPTIONS':
      return 'read';
    case 'POST':
    case 'PUT':
    case 'PATCH':
      return 'write';
    default:
      return 'admin';
  }
}

export function permits(held: KeyPermission, needed: KeyPermission): boolean {
  return RANK[held] >= RANK[needed];
}

export function lowerOf(a: KeyPermission, b: KeyPermission): KeyPermission {
  return RANK[a] <= RANK[b] ? a : b;
}

/** Every level up to `ceiling`. */
export function permissionsUpTo(ceiling: KeyPermission): KeyPermission[] {
  return KEY_PERMISSIONS.filter((p) => RANK[p] <= RANK[ceiling]);
}

/** Browser keys read; server keys write. Never above what the creator may grant. */
export function defaultPermission(type: ApiKeyType, ceiling: KeyPermission): KeyPermission {
  return lowerOf(type === 'public' ? 'read' : 'write', ceiling);
}

/** The highest level a key type can carry: public keys live in browsers and never delete. */
export function typeCeiling(type: ApiKeyType): KeyPermission {
  return type === 'public' ? 'write' : 'admin';
}

/**
 * Where a request acts, as far as scopes are concerned. A workspace target carries the workspace
 * and its ancestors up to the root (itself first), so subtree membership is a lookup.
 */
export type ScopeTarget =
  | { type: 'tenant' }
  | { type: 'team'; id: string }
  | { type: 'workspace'; id: string; ancestors: readonly string[] };

/**
 * A tenant-scoped key reaches everything of its tenant; a team-scoped key only its team; a
 * workspace-scoped key only its workspace and the workspaces below it. Anything naming no
 * narrower target than the tenant is outside a team or workspace scope.
 */
export function reaches(scope: KeyScope, target: ScopeTarget): boolean {
  if (scope.type === 'tenant') return true;
  if (scope.type === 'team') return target.type === 'team' && target.id === scope.id;
  return target.type === 'workspace' && target.ancestors.includes(scope.id);
}

/** Where a key is, for keys acting on keys: its team if it has one, otherwise its own scope. */
export function keyLocation(key: { teamId: string | null; scope: KeyScope }): { type: 'tenant' } | { type: 'team'; id: string } | { type: 'workspace'; id: string } {
  if (key.teamId) return { type: 'team', id: key.teamId };
  return key.scope;
}

/** A team-scoped key belongs to that team: `team_id` defaults to it and may not name another. */
export function teamForScope(scope: KeyScope, teamId: string | undefined): string | undefined {
  if (scope.type !== 'team') return teamId;
  if (teamId !== undefined && teamId !== scope.id) throw new KeyScopeTeamMismatch();
  return scope.id;
}

/** `scheme://host[:port]`, lower-cased, default port dropped; undefined for anything else (paths, queries, userinfo). */
export function normaliseOrigin(raw: string): string | undefined {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return undefined;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return undefined;
  // A bare trailing slash is harmless and dropped; any other path, a query or credentials are not an origin.
  if (url.username || url.password || url.search || url.hash || url.pathname !== '/' || raw.includes('?') || raw.includes('#')) return undefined;
  return url.origin;
}

/** Checks and normalises what a key's type allows of origins and address rules; returns the origins to store. */
export function restrictionsForType(type: ApiKeyType, permission: KeyPermission, origins: string[] | undefined, ips: string[] | undefined): string[] {
  if (type === 'secret') {
    if (origins?.length) throw new KeyOriginsPublicOnly();
    return [];
  }
  if (permission === 'admin') throw new PublicKeyAdminNotAllowed();
  if (ips?.length) throw new PublicKeyIpRulesNotAllowed();
  if (!origins?.length) throw new KeyOriginsRequired();
  return normaliseOrigins(origins);
}

export function normaliseOrigins(origins: string[]): string[] {
  const normalised = origins.map((raw) => ({ raw, origin: normaliseOrigin(raw) }));
  const invalid = normalised.filter((o) => o.origin === undefined).map((o) => o.raw);
  if (invalid.length) throw new KeyOriginInvalid(invalid);
  return [...new Set(normalised.map((o) => o.origin as string))];
}

/** A creator grants at most its own level: refused rather than silently lowered. */
export function assertWithinCeiling(requested: KeyPermission, ceiling: KeyPermission): void {
  if (!permits(ceiling, requested)) throw new PermissionExceedsCreator(requested, ceiling);
}
