import fastifyCookie from '@fastify/cookie';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppConfig } from '../config/app-config';
import { AllExceptionsFilter } from '../errors/all-exceptions.filter';
import { AppLogger } from '../logging/app-logger';
import { useRequestLogging } from '../logging/request-logging';
import { useJsonBodyParser } from './json-body-parser';
import { buildOpenApiDocument, mountOpenApi } from './openapi';
import { useSecurityHeaders } from './security-headers';

/** Everything the HTTP application needs besides its modules; shared by main.ts and the tests. */
export async function configureApp(app: NestFastifyApplication): Promise<void> {
  const config = app.get(AppConfig);
  app.useLogger(app.get(AppLogger));
  useRequestLogging(app);
  app.useGlobalFilters(new AllExceptionsFilter());
  useJsonBodyParser(app);
  await app.register(fastifyCookie, { secret: config.secrets.sessionSecret });
  useSecurityHeaders(app);
  app.enableShutdownHooks();
  mountOpenApi(app, buildOpenApiDocument(app));
}
