import { Injectable } from '@nestjs/common';
import { AppConfig, Clock } from '../../../platform';
import { LoginAttempts } from '../../domain/login-attempts';
import { LoginThrottle } from '../../application/ports/login-throttle';

/**
 * Failed-login counts kept in this process's memory: enough for one instance; behind several
 * instances each counts on its own, so the effective limit multiplies by the instance count.
 */
@Injectable()
export class InMemoryLoginThrottle extends LoginThrottle {
  private readonly attempts = new Map<string, LoginAttempts>();

  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  retryAfterSeconds(key: string): number {
    const entry = this.attempts.get(key);
    if (!entry) return 0;
    const wait = entry.waitMs(this.clock.now().getTime());
    if (entry.isEmpty) this.attempts.delete(key);
    return Math.ceil(wait / 1000);
  }

  recordFailure(key: string): void {
    const { loginMaxFailures, loginWindowSeconds } = this.config.iam;
    let entry = this.attempts.get(key);
    if (!entry) {
      entry = new LoginAttempts(loginMaxFailures, loginWindowSeconds * 1000);
      this.attempts.set(key, entry);
    }
    entry.recordFailure(this.clock.now().getTime());
  }

  reset(key: string): void {
    this.attempts.delete(key);
  }
}
