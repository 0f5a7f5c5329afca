import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../platform';
import type { VerifiedKey } from './verified-key';

interface Entry {
  key: VerifiedKey;
  storedAtMs: number;
}

/**
 * Verified keys by hash, in this process, for a short time: a repeat request costs a hash and a
 * map lookup, not a database round trip. Every invalidation bumps a generation, and a lookup that
 * started before it is not stored, so a read racing a revocation cannot put the old row back.
 */
@Injectable()
export class VerifiedKeyCache {
  private readonly byHash = new Map<string, Entry>();
  private readonly hashById = new Map<string, string>();
  private generation = 0;
  /** Off while changes cannot be heard (the listener is down): every request then asks the database. */
  private enabled = true;
  private readonly ttlMs: number;
  private readonly maxEntries: number;

  constructor(config: AppConfig) {
    this.ttlMs = config.apiKeys.cacheTtlSeconds * 1000;
    this.maxEntries = config.apiKeys.cacheMaxEntries;
  }

  /** Taken before a lookup, handed back to `put`. */
  get currentGeneration(): number {
    return this.generation;
  }

  get size(): number {
    return this.byHash.size;
  }

  get(keyHash: string, nowMs: number): VerifiedKey | undefined {
    if (!this.enabled) return undefined;
    const entry = this.byHash.get(keyHash);
    if (!entry) return undefined;
    if (nowMs - entry.storedAtMs >= this.ttlMs || nowMs < entry.storedAtMs) {
      this.remove(keyHash, entry.key.id);
      return undefined;
    }
    return entry.key;
  }

  put(keyHash: string, key: VerifiedKey, generation: number, nowMs: number): void {
    if (!this.enabled || generation !== this.generation || this.ttlMs === 0 || this.maxEntries === 0) return;
    if (this.byHash.size >= this.maxEntries) {
      const oldest = this.byHash.entries().next().value as [string, Entry] | undefined;
      if (oldest) this.remove(oldest[0], oldest[1].key.id);
    }
    this.byHash.set(keyHash, { key, storedAtMs: nowMs });
    this.hashById.set(key.id, keyHash);
  }

  invalidate(keyId: string): void {
    this.generation++;
    const keyHash = this.hashById.get(keyId);
    if (keyHash !== undefined) this.remove(keyHash, keyId);
  }

  invalidateTenant(tenantId: string): void {
    this.generation++;
    for (const [keyHash, entry] of this.byHash) if (entry.key.tenantId === tenantId) this.remove(keyHash, entry.key.id);
  }

  /** When announcements may have been missed (the listener reconnected), nothing cached can be trusted. */
  clear(): void {
    this.generation++;
    this.byHash.clear();
    this.hashById.clear();
  }

  /** Stops or resumes caching; either way, what was cached is dropped. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.clear();
  }

  private remove(keyHash: string, keyId: string): void {
    this.byHash.delete(keyHash);
    if (this.hashById.get(keyId) === keyHash) this.hashById.delete(keyId);
  }
}
