import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { ApiKeyAuthenticator } from '../../src/api-keys/adapters/http/api-key.authenticator';
import { CallingKeyDto } from '../../src/api-keys/adapters/http/dto/api-key-output.dto';
import { KeyRateLimitAdmission } from '../../src/api-keys/adapters/http/key-rate-limit.admission';
import { KeyRequestRules } from '../../src/api-keys/application/key-request-rules';
import type { Principal } from '../../src/platform';
import { PRINCIPAL_KEY } from '../../src/platform/authentication/current-principal.decorator';

export const KEY_CEILING_PATH = '/bench/key-ceiling';

/**
 * The work of (b) without Nest's router: a bare Fastify route that authenticates the key with the
 * service's own authenticator (cache, checksum, HMAC, throttle, last-used), counts it against its
 * rate limit, applies its origin/address/permission rules and answers what /v1/api-keys/me
 * answers; the usage hook records it like any key request. It measures how close any route that
 * does a key's checks can come to (a), whatever the framework around it. Bench only: never mounted
 * by the service.
 */
export function mountKeyCeilingRoute(app: NestFastifyApplication): void {
  const authenticator = app.get(ApiKeyAuthenticator);
  const rateLimit = app.get(KeyRateLimitAdmission);
  const rules = app.get(KeyRequestRules);
  const answer = (request: FastifyRequest, reply: FastifyReply, principal: Principal | undefined): FastifyReply => {
    if (!principal) return reply.status(401).send({ code: 'API_KEY_INVALID' });
    (request as unknown as Record<string, Principal>)[PRINCIPAL_KEY] = principal;
    const admitted = rateLimit.admit(principal, request, reply);
    if (admitted instanceof Promise) throw new Error('the bench keys are counted in-process');
    const key = rules.keyOf(principal);
    if (key) rules.assertUsable(key, request.method, request.headers.origin, request.ip, undefined);
    return reply.send(CallingKeyDto.from(principal));
  };
  app
    .getHttpAdapter()
    .getInstance()
    .get(KEY_CEILING_PATH, (request: FastifyRequest, reply: FastifyReply) => {
      const apiKey = request.headers['x-api-key'];
      const found = authenticator.authenticate({ apiKey: typeof apiKey === 'string' ? apiKey : undefined, clientAddress: request.ip });
      return found instanceof Promise ? found.then((principal) => answer(request, reply, principal)) : answer(request, reply, found);
    });
}
