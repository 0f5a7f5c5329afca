import { Injectable } from '@nestjs/common';
import { Clock, Principal, TransactionRunner } from '../../../platform';
import { userSubject } from '../authorization-graph';
import { SessionRepository } from '../ports/session.repository';
import { hashSessionToken } from '../session-token';

/** A session token -> the caller, when the session is live and its user enabled. */
@Injectable()
export class AuthenticateSessionUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  async execute(token: string): Promise<Principal | undefined> {
    const hash = hashSessionToken(token);
    // The tenant is what the session tells us: found on the system path by its unique hash.
    const found = await this.tx.asSystem(() => this.sessions.findLive(hash, this.clock.now()));
    if (!found) return undefined;
    const { session, user } = found;
    return {
      kind: 'user',
      id: user.id,
      userId: user.id,
      tenantId: user.tenantId,
      subject: userSubject(user.id),
      sessionId: session.id,
      expiresAt: session.expiresAt,
    };
  }
}
