import { Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Clock, Principal, PrincipalAdmission } from '../../../platform';
import { callingKeyOf } from '../../application/calling-key';
import { KeyRateLimiter } from '../../application/key-rate-limiter';
import { ApiKeyRateLimited } from '../../domain/api-key-errors';
import { RateDecision, secondsUntil } from '../../domain/rate-window';

/**
 * Right after authentication, on every route: a request made with a key that has a rate limit
 * counts against it. Every such answer carries `RateLimit-Limit`, `RateLimit-Remaining` and
 * `RateLimit-Reset` (seconds until the full quota is back); over the limit, 429
 * API_KEY_RATE_LIMITED with `Retry-After`. Requests of people and of keys without a limit pass
 * untouched.
 */
@Injectable()
export class KeyRateLimitAdmission extends PrincipalAdmission {
  constructor(
    private readonly limiter: KeyRateLimiter,
    private readonly clock: Clock,
  ) {
    super();
  }

  admit(principal: Principal, _request: unknown, reply: FastifyReply): void | Promise<void> {
    const key = callingKeyOf(principal);
    if (key === undefined || key.rateLimitPerMinute === null) return;
    const decision = this.limiter.take(key.id, key.rateLimitPerMinute, this.clock.nowMs());
    return decision instanceof Promise ? decision.then((d) => answer(reply, d)) : answer(reply, decision);
  }
}

function answer(reply: FastifyReply, decision: RateDecision): void {
  void reply.header('ratelimit-limit', String(decision.limit));
  void reply.header('ratelimit-remaining', String(decision.remaining));
  void reply.header('ratelimit-reset', String(secondsUntil(decision.resetMs)));
  if (!decision.allowed) throw new ApiKeyRateLimited(decision.limit, Math.max(1, secondsUntil(decision.retryAfterMs)));
}
