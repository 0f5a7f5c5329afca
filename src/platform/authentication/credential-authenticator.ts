import type { Principal } from './principal';

/** What a request presented, taken from its headers and cookies. */
export interface PresentedCredentials {
  /** `Authorization: Bearer <value>`. */
  bearer?: string;
  /** `X-API-Key: <value>`. */
  apiKey?: string;
  /** The session cookie's value. */
  sessionCookie?: string;
  clientAddress: string;
}

/**
 * One kind of credential (sessions, API keys, ...). Every provider extending this class is asked in
 * turn by the authentication guard; modules add a kind by providing one, nothing else changes.
 */
export abstract class CredentialAuthenticator {
  /**
   * `undefined` when the credentials hold nothing of this kind (the next authenticator is asked);
   * the principal when they prove one; throws a DomainError (e.g. Unauthenticated) when they are
   * of this kind but invalid, expired or revoked. May answer synchronously (from a cache): the
   * guard then resolves the request without a promise.
   */
  abstract authenticate(credentials: PresentedCredentials): Principal | undefined | Promise<Principal | undefined>;
}
