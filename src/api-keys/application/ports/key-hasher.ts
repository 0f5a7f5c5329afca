/** Turns a presented key into what is stored and looked up: a keyed hash, never reversible. */
export abstract class KeyHasher {
  /** Hex digest of `key`; the same key always gives the same digest. */
  abstract hash(key: string): string;
  /**
   * A fast unkeyed digest naming a presented key in this process's memory only (the verification
   * cache's index; never stored, never logged): a repeat request is found without the keyed hash.
   */
  abstract cacheIndex(key: string): string;
  /** Constant-time comparison of two digests. */
  abstract same(a: string, b: string): boolean;
}
