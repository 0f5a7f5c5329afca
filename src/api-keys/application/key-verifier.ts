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

/**
 * Whether a presented string is a usable key: shape and checksum first (no lookup for garbage),
 * then the keyed hash, the cache, and only on a miss the database; expiry and revocation are
 * judged against the clock on every call, so a cached key still stops at its time.
 */
@Injectable()
export class KeyVerifier {
  constructor(
    private readonly hasher: KeyHasher,
    private readonly lookup: KeyLookup,
    private readonly cache: VerifiedKeyCache,
    private readonly clock: Clock,
  ) {}

  async verify(presented: string): Promise<Verification> {
    if (!parseApiKey(presented)) return { valid: false, code: 'API_KEY_INVALID' };
    const keyHash = this.hasher.hash(presented);
    const key = this.cache.get(keyHash, this.clock.now().getTime()) ?? (await this.load(keyHash));
    if (!key) return { valid: false, code: 'API_KEY_INVALID' };
    const rejection = rejectionOf(key, this.clock.now());
    return rejection ? { valid: false, code: rejection, key } : { valid: true, key };
  }

  private async load(keyHash: string): Promise<VerifiedKey | undefined> {
    const generation = this.cache.currentGeneration;
    const found = await this.lookup.findByHash(keyHash);
    // The index already matched; comparing in constant time keeps the answer independent of timing.
    if (!found || !this.hasher.same(found.keyHash, keyHash)) return undefined;
    const { keyHash: _stored, ...key } = found;
    this.cache.put(keyHash, key, generation, this.clock.now().getTime());
    return key;
  }
}
