import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform';
import { rejectionOf } from '../domain/api-key';
import type { KeyRejection } from '../domain/api-key-errors';
import { parseApiKey } from '../domain/api-key-secret';
import { KeyHasher } from './ports/key-hasher';
import { KeyLookup } from './ports/key-lookup';
import { VerifiedKeyCache } from './verified-key-cache';
import type { VerifiedKey } from './verified-key';

export type Verification = { valid: true; key: VerifiedKey } | { valid: false; code: KeyRejection; key?: VerifiedKey };

const INVALID: Verification = { valid: false, code: 'API_KEY_INVALID' };

/** Expiry, revocation, suspension and a disabled owner, judged at `now` on every use (a cached key still stops at its time). */
function judge(key: VerifiedKey, now: Date): Verification {
  const rejection = rejectionOf(key, now);
  return rejection ? { valid: false, code: rejection, key } : { valid: true, key };
}

/**
 * Whether a presented string is a usable key: shape and checksum first (no lookup for garbage),
 * then the cache (by an unkeyed digest), and only on a miss the keyed hash and the database; expiry and revocation are
 * judged against the clock on every call, so a cached key still stops at its time. The owner's
 * state comes with the row and is cached with the key; a change to the owner drops it from every
 * instance's cache (see KeysFollowTheirOwner and the users trigger).
 */
@Injectable()
export class KeyVerifier {
  constructor(
    private readonly hasher: KeyHasher,
    private readonly lookup: KeyLookup,
    private readonly cache: VerifiedKeyCache,
    private readonly clock: Clock,
  ) {}

  /** Synchronous on a cache hit: the hot path allocates no promise. */
  verify(presented: string): Verification | Promise<Verification> {
    if (!parseApiKey(presented)) return INVALID;
    const index = this.hasher.cacheIndex(presented);
    const now = this.clock.now();
    const cached = this.cache.get(index, now.getTime());
    if (cached) return judge(cached, now);
    // Only a miss needs the keyed hash, which is what the table stores.
    return this.load(this.hasher.hash(presented), index).then((key) => (key ? judge(key, this.clock.now()) : INVALID));
  }

  private async load(keyHash: string, index: string): Promise<VerifiedKey | undefined> {
    const generation = this.cache.currentGeneration;
    const found = await this.lookup.findByHash(keyHash);
    // The index already matched; comparing in constant time keeps the answer independent of timing.
    if (!found || !this.hasher.same(found.keyHash, keyHash)) return undefined;
    const { keyHash: _stored, ...key } = found;
    this.cache.put(index, key, generation, this.clock.nowMs());
    return key;
  }
}
