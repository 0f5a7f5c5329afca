import { ArgumentsHost, Catch, ExceptionFilter, HttpException, HttpStatus, Logger } from '@nestjs/common';
import { STATUS_CODES } from 'node:http';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../kernel';
import { ErrorBody } from './error-body';
import { CODE_OF_STATUS, HTTP_STATUS_OF_KIND } from './http-status-of-kind';
import { ValidationFailed } from './validation-failed';

/** Turns every error into the one error body; unexpected ones are logged and answered as a bare 500. */
@Catch()
export class AllExceptionsFilter implements ExceptionFilter {
  private readonly logger = new Logger('Errors');

  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const request = host.switchToHttp().getRequest<FastifyRequest>();
    const body = this.toBody(exception, request);
    if (exception instanceof DomainError && exception.retryAfterSeconds !== undefined) {
      void reply.header('retry-after', String(exception.retryAfterSeconds));
    }
    void reply.status(body.statusCode).type('application/json').send(body);
  }

  private toBody(exception: unknown, request: FastifyRequest): ErrorBody {
    if (exception instanceof DomainError) {
      return body(HTTP_STATUS_OF_KIND[exception.kind], exception.code, exception.message, exception.details);
    }
    if (exception instanceof ValidationFailed) {
      return body(400, exception.code, exception.message, exception.details);
    }
    if (exception instanceof HttpException) {
      return this.fromHttpException(exception);
    }
    this.logger.error({ err: exception, reqId: requestId(request) }, 'Unhandled error');
    return body(HttpStatus.INTERNAL_SERVER_ERROR, 'INTERNAL_ERROR', 'Internal server error', { request_id: requestId(request) });
  }

  private fromHttpException(exception: HttpException): ErrorBody {
    const status = exception.getStatus();
    const response = exception.getResponse();
    const raw = typeof response === 'object' && response !== null ? (response as Record<string, unknown>) : {};
    let message = typeof raw['message'] === 'string' ? raw['message'] : exception.message;
    if (Array.isArray(raw['message'])) message = raw['message'].join('; ');
    const code = typeof raw['code'] === 'string' ? raw['code'] : undefined;
    const details = typeof raw['details'] === 'object' ? (raw['details'] as Record<string, unknown>) : undefined;
    if (status >= 500) this.logger.error({ err: exception }, 'HTTP error');
    return body(status, code, message, details);
  }
}

function body(statusCode: number, code: string | undefined, message: string, details?: Record<string, unknown>): ErrorBody {
  const result: ErrorBody = {
    statusCode,
    error: STATUS_CODES[statusCode] ?? 'Error',
    message,
    code: code ?? CODE_OF_STATUS[statusCode] ?? (statusCode >= 500 ? 'INTERNAL_ERROR' : 'BAD_REQUEST'),
  };
  if (details && Object.keys(details).length > 0) result.details = details;
  return result;
}

/** Fastify's request id (an upstream x-request-id, or a UUID): the one in the request's log line. */
function requestId(request: FastifyRequest | undefined): string | undefined {
  return request?.id;
}
