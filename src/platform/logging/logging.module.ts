import { randomUUID } from 'node:crypto';
import { Module } from '@nestjs/common';
import { LoggerModule } from 'nestjs-pino';
import { AppConfig } from '../config/app-config';
import { LogStream } from './log-stream';
import { censorSecrets, redactPaths } from './redact-paths';

@Module({
  imports: [
    LoggerModule.forRootAsync({
      providers: [{ provide: LogStream, useValue: process.stdout }],
      inject: [AppConfig, LogStream],
      useFactory: (config: AppConfig, stream: LogStream) => ({
        pinoHttp: [{
          level: config.logLevel,
          // Fastify has already given the request its id (see create-fastify-adapter.ts).
          genReqId: (req) => (req as { id?: string }).id ?? randomUUID(),
          redact: { paths: redactPaths, censor: '[redacted]' },
          formatters: { log: censorSecrets },
          base: { service: 'gatehouse' },
          serializers: {
            req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: stripQuery(req.url) }),
            res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
          },
        }, stream],
      }),
    }),
  ],
})
export class LoggingModule {}

/** Query strings may carry tokens; logs keep the path only. */
function stripQuery(url: string): string {
  const i = url.indexOf('?');
  return i === -1 ? url : url.slice(0, i);
}
