import type { ApiKeyType } from './api-key-secret';
import {
  ExpiryExceedsPolicy,
  ExpiryNotInFuture,
  ExpiryRequired,
  InvalidKeyPolicy,
  PublicKeysNotAllowed,
  ScopeNotAllowed,
} from './api-key-errors';
import { assertDefaultWithinMax } from './notification-policy';

const DAY_MS = 24 * 3600_000;
/** In `allowed_scopes`, permits every scope. */
export const ANY_SCOPE = '*';

/** When key owners hear about expiring keys; stored here, used by notifications. */
export interface NotificationPolicy {
  enabled: boolean;
  defaultDaysBeforeExpiry: number;
  maxDaysBeforeExpiry: number;
}

/** A tenant's rules for its keys. */
export interface KeyPolicy {
  /** `null`: no maximum. */
  maxExpiryDays: number | null;
  requireExpiry: boolean;
  allowPublicKeys: boolean;
  allowedScopes: string[];
  notificationPolicy: NotificationPolicy;
  /** Keys unused (since last use, or creation) for this many days are expired by maintenance; `null`: never. */
  autoExpireUnusedDays: number | null;
  /** The highest `rate_limit` (requests per minute) a key may have; `null`: no maximum. */
  maxRateLimitPerMinute: number | null;
}

/** A tenant that never set a policy: permissive, keys without expiry allowed. */
export const DEFAULT_KEY_POLICY: KeyPolicy = {
  maxExpiryDays: null,
  requireExpiry: false,
  allowPublicKeys: true,
  allowedScopes: [ANY_SCOPE],
  notificationPolicy: { enabled: true, defaultDaysBeforeExpiry: 7, maxDaysBeforeExpiry: 30 },
  autoExpireUnusedDays: null,
  maxRateLimitPerMinute: null,
};

/** Rejects a policy that contradicts itself. */
export function assertConsistentPolicy(policy: KeyPolicy): void {
  const n = policy.notificationPolicy;
  assertDefaultWithinMax(n);
  if (policy.maxExpiryDays !== null && n.maxDaysBeforeExpiry > policy.maxExpiryDays) {
    throw new InvalidKeyPolicy('notification_policy.max_days_before_expiry exceeds max_expiry_days');
  }
}

/** What a key is about to become, checked against the policy on creation, edit and rotation. */
export interface KeyTerms {
  type: ApiKeyType;
  scopes: string[];
  expiresAt: Date | null;
}

export function assertKeyWithinPolicy(policy: KeyPolicy, terms: KeyTerms, now: Date): void {
  if (terms.type === 'public' && !policy.allowPublicKeys) throw new PublicKeysNotAllowed();
  assertScopesAllowed(policy, terms.scopes);
  assertExpiryAllowed(policy, terms.expiresAt, now);
}

export function assertScopesAllowed(policy: KeyPolicy, scopes: string[]): void {
  if (policy.allowedScopes.includes(ANY_SCOPE)) return;
  const refused = scopes.filter((scope) => !policy.allowedScopes.includes(scope));
  if (refused.length > 0) throw new ScopeNotAllowed(refused, policy.allowedScopes);
}

export function assertExpiryAllowed(policy: KeyPolicy, expiresAt: Date | null, now: Date): void {
  if (expiresAt === null) {
    // A key that never expires outlives any maximum.
    if (policy.maxExpiryDays !== null) throw new ExpiryExceedsPolicy(policy.maxExpiryDays, expiryInDays(now, policy.maxExpiryDays));
    if (policy.requireExpiry) throw new ExpiryRequired();
    return;
  }
  if (expiresAt.getTime() <= now.getTime()) throw new ExpiryNotInFuture();
  if (policy.maxExpiryDays !== null) {
    const latest = expiryInDays(now, policy.maxExpiryDays);
    if (expiresAt.getTime() > latest.getTime()) throw new ExpiryExceedsPolicy(policy.maxExpiryDays, latest);
  }
}

/** `expires_in_days` counted from now. */
export function expiryInDays(now: Date, days: number): Date {
  return new Date(now.getTime() + days * DAY_MS);
}
