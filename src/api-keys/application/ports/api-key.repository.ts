import type { ApiKey, ApiKeyState, KeyPermission, KeyScope, ResourcePermission } from '../../domain/api-key';
import type { ApiKeyType } from '../../domain/api-key-secret';

export interface NewApiKey {
  tenantId: string;
  userId: string;
  teamId: string | null;
  name: string;
  type: ApiKeyType;
  keyPrefix: string;
  keyHash: string;
  scopes: string[];
  resourcePermissions: ResourcePermission[];
  expiresAt: Date | null;
  createdAt: Date;
  rotatedFromId: string | null;
  permission: KeyPermission;
  scope: KeyScope;
  allowedOrigins: string[];
  allowedIps: string[];
  rateLimitPerMinute: number | null;
}

export interface ApiKeyEdit {
  name?: string;
  expiresAt?: Date | null;
  scopes?: string[];
  resourcePermissions?: ResourcePermission[];
  permission?: KeyPermission;
  scope?: KeyScope;
  /** A team-less key given a team scope joins that team. */
  teamId?: string;
  allowedOrigins?: string[];
  allowedIps?: string[];
  /** `null` removes the limit. */
  rateLimitPerMinute?: number | null;
}

/** List filters; `visibleTo` narrows to keys a non-admin may see (own keys and keys of teams they manage). */
export interface ApiKeyFilter {
  tenantId?: string;
  teamId?: string;
  ownerId?: string;
  state?: ApiKeyState;
  expiringWithinDays?: number;
  visibleTo?: { userId: string; teamIds: string[] };
  /** Keys a scoped key reaches: those of one team, or team-less keys scoped within a workspace's subtree. */
  withinScope?: { type: 'team' | 'workspace'; id: string };
  now: Date;
}

/** Where the previous page ended: creation time in microseconds (PostgreSQL's precision) and id. */
export interface KeyPagePosition {
  createdAtMicros: string;
  id: string;
}

export interface KeyPage {
  items: ApiKey[];
  next?: KeyPagePosition;
}

/** API keys of the current unit of work's tenant (or of all tenants, as the system). */
export abstract class ApiKeyRepository {
  /** `undefined` when a live key of the same team (or owner) already has the name. */
  abstract insert(key: NewApiKey): Promise<ApiKey | undefined>;
  abstract findById(id: string): Promise<ApiKey | undefined>;
  abstract list(filter: ApiKeyFilter, limit: number, after?: KeyPagePosition): Promise<KeyPage>;
  /** `undefined` when the new name is taken by another live key. */
  abstract edit(id: string, edit: ApiKeyEdit, at: Date): Promise<ApiKey | undefined>;
  /** Sets the revocation time (now, or the end of a rotation's grace period) and the reason. */
  abstract retire(id: string, revokedAt: Date, reason: string | null, at: Date): Promise<ApiKey>;
  /** Whether the team exists in the current tenant. */
  abstract teamExists(teamId: string): Promise<boolean>;
  /** Ids of every key of the tenant, for erasure. */
  abstract idsOfTenant(tenantId: string): Promise<string[]>;
}
