/** Counts failed logins per email and client address. */
export abstract class LoginThrottle {
  /** Seconds to wait before another attempt is allowed; 0 when allowed now. */
  abstract retryAfterSeconds(key: string): number;
  abstract recordFailure(key: string): void;
  abstract reset(key: string): void;
}
