import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, TransactionRunner } from '../../../platform';
import { normalizeEmail } from '../../domain/email';
import type { User, UserWithCredentials } from '../../domain/iam';
import { InvalidCredentials, TooManyLoginAttempts } from '../../domain/iam-errors';
import { LoginThrottle } from '../ports/login-throttle';
import { PasswordHasher } from '../ports/password-hasher';
import { SessionRepository } from '../ports/session.repository';
import { UserRepository } from '../ports/user.repository';
import { newSessionToken } from '../session-token';

export interface LoginCommand {
  email: string;
  password: string;
  /** Needed only when the email exists in more than one tenant. */
  tenantId?: string;
  clientAddress: string;
}

export interface LoginResult {
  token: string;
  expiresAt: Date;
  user: User;
}

/**
 * Email + password -> a new session. Every failure (unknown email, wrong password, disabled
 * user, ambiguous email) answers the same INVALID_CREDENTIALS after the same scrypt work.
 */
@Injectable()
export class LoginUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly hasher: PasswordHasher,
    private readonly throttle: LoginThrottle,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async execute(command: LoginCommand): Promise<LoginResult> {
    const email = normalizeEmail(command.email);
    const throttleKey = `${email}|${command.clientAddress}`;
    const wait = this.throttle.retryAfterSeconds(throttleKey);
    if (wait > 0) throw new TooManyLoginAttempts(wait);

    // Before the tenant is known: the explicit system path, reading candidates only.
    const candidates = await this.tx.asSystem(() => this.users.findForLogin(email, command.tenantId));
    const user = await this.verified(candidates, command.password);
    if (!user) {
      this.throttle.recordFailure(throttleKey);
      throw new InvalidCredentials();
    }
    this.throttle.reset(throttleKey);

    const minutes = user.isSystemAdmin ? this.config.iam.adminSessionMinutes : this.config.iam.userSessionMinutes;
    const expiresAt = new Date(this.clock.now().getTime() + minutes * 60_000);
    const { token, hash } = newSessionToken();
    await this.tx.inTenant(user.tenantId, () => this.sessions.insert({ tenantId: user.tenantId, userId: user.id, tokenHash: hash, expiresAt }));
    const { passwordHash: _, ...publicUser } = user;
    return { token, expiresAt, user: publicUser };
  }

  private async verified(candidates: UserWithCredentials[], password: string): Promise<UserWithCredentials | undefined> {
    if (candidates.length !== 1) {
      await this.hasher.verifyNothing(password);
      return undefined;
    }
    return (await this.hasher.verify(password, candidates[0].passwordHash)) ? candidates[0] : undefined;
  }
}
