import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../platform';
import type { VerifiedKey } from './verified-key';

interface Entry {
  key: VerifiedKey;
  storedAtMs: number;
}

/**
 * Verified keys by their presented string's cache index (KeyHasher.cacheIndex), in this process,
 * for a short time: a repeat request costs one digest and a map lookup, not a database round trip. Every invalidation bumps a generation, and a lookup that
 * started before it is not stored, so a read racing a revocation cannot put the old row back.
 */
@Injectable()
export class VerifiedKeyCache {
  private readonly byIndex = new Map<string, Entry>();
  private readonly indexById = new Map<string, string>();
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
    return this.byIndex.size;
  }

  get(index: string, nowMs: number): VerifiedKey | undefined {
    if (!this.enabled) return undefined;
    const entry = this.byIndex.get(index);
    if (!entry) return undefined;
    if (nowMs - entry.storedAtMs >= this.ttlMs || nowMs < entry.storedAtMs) {
      this.remove(index, entry.key.id);
      return undefined;
    }
    return entry.key;
  }

  put(index: string, key: VerifiedKey, generation: number, nowMs: number): void {
    if (!this.enabled || generation !== this.generation || this.ttlMs === 0 || this.maxEntries === 0) return;
    if (this.byIndex.size >= this.maxEntries) {
      const oldest = this.byIndex.entries().next().value as [string, Entry] | undefined;
      if (oldest) this.remove(oldest[0], oldest[1].key.id);
    }
    this.byIndex.set(index, { key, storedAtMs: nowMs });
    this.indexById.set(key.id, index);
  }

  invalidate(keyId: string): void {
    this.generation++;
    const index = this.indexById.get(keyId);
    if (index !== undefined) this.remove(index, keyId);
  }

  invalidateTenant(tenantId: string): void {
    this.generation++;
    for (const [index, entry] of this.byIndex) if (entry.key.tenantId === tenantId) this.remove(index, entry.key.id);
  }

  /** When announcements may have been missed (the listener reconnected), nothing cached can be trusted. */
  clear(): void {
    this.generation++;
    this.byIndex.clear();
    this.indexById.clear();
  }

  /** Stops or resumes caching; either way, what was cached is dropped. */
  setEnabled(enabled: boolean): void {
    this.enabled = enabled;
    this.clear();
  }

  private remove(index: string, keyId: string): void {
    this.byIndex.delete(index);
    if (this.indexById.get(keyId) === index) this.indexById.delete(keyId);
  }
}
