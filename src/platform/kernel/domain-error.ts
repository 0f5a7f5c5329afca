/**
 * What kind of failure a domain error is; the HTTP layer maps each kind to one status, so the
 * domain and its use cases never speak HTTP and behave the same when called from a job.
 */
export type DomainErrorKind =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'rate_limited'
  | 'unavailable';

/** Base of every domain error: a stable machine-readable `code` plus optional `details`. */
export abstract class DomainError extends Error {
  abstract readonly code: string;
  abstract readonly kind: DomainErrorKind;
  /** For `rate_limited` and `unavailable`: when a retry may succeed. */
  retryAfterSeconds?: number;

  constructor(
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = new.target.name;
  }
}
