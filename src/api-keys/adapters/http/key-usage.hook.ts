import { Injectable, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { Clock, principalOf } from '../../../platform';
import { callingKeyOf } from '../../application/calling-key';
import { UsageRecorder } from '../../application/usage-recorder';

/**
 * Records every answer to a request authenticated by a key, with its final status, from one
 * Fastify `onResponse` hook registered once (the platform's request log already runs that hook
 * list, so this adds a call, not a hook runner, to every request). The route is the template
 * (`/v1/tenants/:tenant_id/api-keys/:key_id`), which groups uses and keeps ids out of the log.
 */
@Injectable()
export class KeyUsageHook implements OnModuleInit {
  constructor(
    private readonly adapterHost: HttpAdapterHost,
    private readonly recorder: UsageRecorder,
    private readonly clock: Clock,
  ) {}

  onModuleInit(): void {
    const fastify = this.adapterHost.httpAdapter?.getInstance<FastifyInstance>();
    if (!fastify) return;
    fastify.addHook('onResponse', (request: FastifyRequest, reply: FastifyReply, done: () => void) => {
      const key = callingKeyOf(principalOf(request));
      if (key !== undefined) {
        const userAgent = request.headers['user-agent'];
        this.recorder.record(
          key.tenantId,
          key.id,
          this.clock.nowMs(),
          request.method,
          request.routeOptions.url ?? '',
          reply.statusCode,
          request.ip,
          typeof userAgent === 'string' ? userAgent.slice(0, 512) : undefined,
        );
      }
      done();
    });
  }
}
