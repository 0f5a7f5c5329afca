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

  async authenticate(credentials: PresentedCredentials): Promise<Principal | undefined> {
    const token = [credentials.bearer, credentials.sessionCookie].find((value) => value !== undefined && looksLikeSessionToken(value));
    if (!token) return undefined;
    const principal = await this.authenticateSession.execute(token);
    if (!principal) throw new Unauthenticated('The session is unknown, expired or ended');
    return principal;
  }
}
