import { RateLimitExceedsPolicy } from './api-key-errors';
import type { KeyPolicy } from './key-policy';

/** The highest `rate_limit` anyone may set (the column is an integer; a million a minute is no limit in practice). */
export const MAX_RATE_LIMIT_PER_MINUTE = 1_000_000;

/**
 * The rate limit a new key gets: the requested one, or when none is given the policy's maximum
 * (a tenant with a maximum has no unlimited keys). `null` asks explicitly for no limit.
 */
export function rateLimitForNewKey(policy: KeyPolicy, requested: number | null | undefined): number | null {
  const limit = requested === undefined ? policy.maxRateLimitPerMinute : requested;
  assertRateLimitAllowed(policy, limit);
  return limit;
}

/** A key without a limit, or above the maximum, is refused when the policy has one (400 with the maximum). */
export function assertRateLimitAllowed(policy: KeyPolicy, limit: number | null): void {
  const max = policy.maxRateLimitPerMinute;
  if (max !== null && (limit === null || limit > max)) throw new RateLimitExceedsPolicy(max);
}

/** Rotation keeps a key's limit, lowered to the policy's maximum if that changed since. */
export function rateLimitWithinPolicy(policy: KeyPolicy, limit: number | null): number | null {
  const max = policy.maxRateLimitPerMinute;
  return max !== null && (limit === null || limit > max) ? max : limit;
}
