/** A slow, salted password hash. */
export abstract class PasswordHasher {
  abstract hash(password: string): Promise<string>;
  /** Constant-time compare; false for a malformed stored hash. */
  abstract verify(password: string, storedHash: string): Promise<boolean>;
  /** Spends the same time as a real verify, for unknown users (no enumeration by timing). */
  abstract verifyNothing(password: string): Promise<false>;
}
