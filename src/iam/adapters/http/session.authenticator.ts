import { Injectable } from '@nestjs/common';
import { CredentialAuthenticator, PresentedCredentials, Principal, Unauthenticated } from '../../../platform';
import { AuthenticateSessionUseCase } from '../../application/sessions/authenticate-session.use-case';
import { looksLikeSessionToken } from '../../application/session-token';

/**
 * Sessions as a credential kind: the `gatehouse_session` cookie or a Bearer token of a session
 * token's shape (API keys have their own prefix and are left to their authenticator).
 */
@Injectable()
export class SessionAuthenticator extends CredentialAuthenticator {
  constructor(private readonly authenticateSession: AuthenticateSessionUseCase) {
    super();
  }

  /** Synchronous when no session token is presented, so a request made with a key allocates no promise here. */
  authenticate(credentials: PresentedCredentials): Principal | undefined | Promise<Principal | undefined> {
    const token = [credentials.bearer, credentials.sessionCookie].find((value) => value !== undefined && looksLikeSessionToken(value));
    return token === undefined ? undefined : this.principalOf(token);
  }

  private async principalOf(token: string): Promise<Principal> {
    const principal = await this.authenticateSession.execute(token);
    if (!principal) throw new Unauthenticated('The session is unknown, expired or ended');
    return principal;
  }
}
