import type { VerifiedKey } from '../verified-key';

/** Finds a key by hash before its tenant is known (the narrow path past row-level security). */
export abstract class KeyLookup {
  abstract findByHash(keyHash: string): Promise<(VerifiedKey & { keyHash: string }) | undefined>;
}
