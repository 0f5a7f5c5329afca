import { randomUUID } from 'node:crypto';
import { FastifyAdapter } from '@nestjs/platform-fastify';
import { useSynchronousRouteSteps } from './synchronous-route-steps';

/**
 * Fastify: measured faster than Express on the key-verification path (see bench/adapters.ts).
 * `request.ip` is the connecting address, or, when that is one of `trustedProxies` (addresses or
 * CIDR ranges, GATEHOUSE_TRUSTED_PROXIES), the nearest untrusted address in X-Forwarded-For.
 */
export function createFastifyAdapter(trustedProxies: readonly string[] = []): FastifyAdapter {
  // Every Gatehouse app is built through here, so the service and its tests run the same route steps.
  useSynchronousRouteSteps();
  return new FastifyAdapter({
    trustProxy: trustedProxies.length > 0 ? [...trustedProxies] : false,
    // An upstream request id is kept when it looks sane; otherwise each request gets a UUID.
    requestIdHeader: 'x-request-id',
    genReqId: () => randomUUID(),
    bodyLimit: 1024 * 1024,
    // The 404 handler must still answer in the one error body; Nest's filter does that.
    return503OnClosing: true,
  });
}

/**
 * Options for every NestFactory.create of Gatehouse: the JSON body parser is ours (json-body-parser.ts),
 * and a failed start throws its error instead of aborting the process without a readable message.
 */
export const NEST_APP_OPTIONS = { bodyParser: false, abortOnError: false } as const;
