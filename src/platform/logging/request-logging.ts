import type { NestFastifyApplication } from '@nestjs/platform-fastify';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppLogger } from './app-logger';

/** Query strings may carry tokens; logs keep the path only. */
function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i === -1 ? url : url.slice(0, i);
}

/**
 * One line per finished request (id, method, path, status, time), from a Fastify hook rather than
 * a per-request child logger: nothing is built for a request unless the line is written.
 * Credentials never reach it: no headers are logged.
 */
export function useRequestLogging(app: NestFastifyApplication): void {
  const logger = app.get(AppLogger).pino;
  app
    .getHttpAdapter()
    .getInstance()
    .addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const status = reply.statusCode;
      const level = status >= 500 ? 'error' : 'info';
      if (logger.isLevelEnabled(level)) {
        logger[level](
          {
            req: { id: request.id, method: request.method, url: stripQuery(request.url) },
            res: { statusCode: status },
            responseTime: Math.round(reply.elapsedTime),
          },
          'request completed',
        );
      }
      done();
    });
}
