import { Injectable } from '@nestjs/common';
import { CredentialAuthenticator, PresentedCredentials, Principal } from '../../../platform';
import { ApiKeyRejected } from '../../domain/api-key-errors';
import { looksLikeApiKey } from '../../domain/api-key-secret';
import { CALLING_KEY, KeyPrincipal } from '../../application/calling-key';
import { FailedAttemptThrottle } from '../../application/failed-attempt-throttle';
import { KeyVerifier, Verification } from '../../application/key-verifier';
import { LastUsedRecorder } from '../../application/last-used-recorder';
import type { VerifiedKey } from '../../application/verified-key';

/**
 * API keys as a credential kind: `X-API-Key`, or a Bearer value with a key's prefix (session
 * tokens have another shape and are left to their authenticator). Failures count against the
 * client's address; too many and its key attempts get 429 for a while.
 */
@Injectable()
export class ApiKeyAuthenticator extends CredentialAuthenticator {
  constructor(
    private readonly verifier: KeyVerifier,
    private readonly throttle: FailedAttemptThrottle,
    private readonly lastUsed: LastUsedRecorder,
  ) {
    super();
  }

  authenticate(credentials: PresentedCredentials): Principal | undefined | Promise<Principal | undefined> {
    const presented = credentials.apiKey ?? (credentials.bearer && looksLikeApiKey(credentials.bearer) ? credentials.bearer : undefined);
    if (presented === undefined) return undefined;
    this.throttle.assertAllowed(credentials.clientAddress);
    const result = this.verifier.verify(presented);
    return result instanceof Promise ? result.then((r) => this.admit(r, credentials)) : this.admit(result, credentials);
  }

  private admit(result: Verification, credentials: PresentedCredentials): KeyPrincipal {
    if (!result.valid) {
      this.throttle.recordFailure(credentials.clientAddress);
      throw new ApiKeyRejected(result.code);
    }
    const key = result.key;
    this.lastUsed.touch(key.id);
    return principalFor(key);
  }
}

/**
 * One frozen principal per verified key object: a cached key is the same object on every request,
 * so its principal is built once, not per request. A reloaded key is a new object and gets its own.
 */
const principals = new WeakMap<VerifiedKey, KeyPrincipal>();

function principalFor(key: VerifiedKey): KeyPrincipal {
  let principal = principals.get(key);
  if (principal === undefined) {
    principal = Object.freeze({
      kind: 'api_key',
      id: key.id,
      tenantId: key.tenantId,
      userId: key.userId,
      subject: Object.freeze({ type: 'api_key', id: key.id }),
      expiresAt: key.expiresAt ?? undefined,
      scopes: key.scopes,
      [CALLING_KEY]: key,
    } as const);
    principals.set(key, principal);
  }
  return principal;
}
