import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { Clock, principalOf } from '../../../platform';
import { callingKeyOf } from '../../application/calling-key';
import { KeyRateLimiter } from '../../application/key-rate-limiter';
import { ApiKeyRateLimited } from '../../domain/api-key-errors';
import { RateDecision, secondsUntil } from '../../domain/rate-window';

/**
 * Global guard, after authentication: a request made with a key that has a rate limit counts
 * against it. Every such answer carries `RateLimit-Limit`, `RateLimit-Remaining` and
 * `RateLimit-Reset` (seconds until the full quota is back); over the limit, 429
 * API_KEY_RATE_LIMITED with `Retry-After`. Requests of people and of keys without a limit pass
 * untouched. Registered as a global guard by the api-keys module, it runs after the platform's
 * authentication guard (global guards run in module order, and the platform module comes first).
 */
@Injectable()
export class KeyRateLimitGuard implements CanActivate {
  constructor(
    private readonly limiter: KeyRateLimiter,
    private readonly clock: Clock,
  ) {}

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const http = context.switchToHttp();
    const key = callingKeyOf(principalOf(http.getRequest<object>()));
    if (key === undefined || key.rateLimitPerMinute === null) return true;
    const decision = this.limiter.take(key.id, key.rateLimitPerMinute, this.clock.now().getTime());
    const reply = http.getResponse<FastifyReply>();
    return decision instanceof Promise ? decision.then((d) => answer(reply, d)) : answer(reply, decision);
  }
}

function answer(reply: FastifyReply, decision: RateDecision): true {
  void reply.header('ratelimit-limit', String(decision.limit));
  void reply.header('ratelimit-remaining', String(decision.remaining));
  void reply.header('ratelimit-reset', String(secondsUntil(decision.resetMs)));
  if (!decision.allowed) throw new ApiKeyRateLimited(decision.limit, Math.max(1, secondsUntil(decision.retryAfterMs)));
  return true;
}
