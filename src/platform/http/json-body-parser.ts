import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { DomainError } from '../kernel';

class MalformedJson extends DomainError {
  readonly code = 'MALFORMED_JSON';
  readonly kind = 'invalid';
}

/**
 * Fastify's own JSON parser (with its prototype-poisoning guards), whose failures become
 * MALFORMED_JSON: by the time Nest maps a parser error, its origin is lost.
 */
export function useJsonBodyParser(app: NestFastifyApplication): void {
  const fastify = app.getHttpAdapter().getInstance();
  const parse = fastify.getDefaultJsonParser('error', 'error');
  fastify.removeContentTypeParser('application/json');
  fastify.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    parse(request, body.toString(), (error, value) => {
      if (error) done(new MalformedJson(`Request body is not valid JSON: ${error.message}`), undefined);
      else done(null, value);
    });
  });
}
