import { Injectable } from '@nestjs/common';
import { Clock, Principal, TransactionRunner } from '../../../platform';
import { SessionRepository } from '../ports/session.repository';

/** Ends the caller's session: its token stops working at once. */
@Injectable()
export class LogoutUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly sessions: SessionRepository,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal): Promise<void> {
    const sessionId = principal.sessionId;
    if (!sessionId) return;
    await this.tx.inTenant(principal.tenantId, () => this.sessions.revoke(sessionId, this.clock.now()));
  }
}
