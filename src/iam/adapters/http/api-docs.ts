import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from '../../../platform';

const DESCRIPTIONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Invalid request (VALIDATION_FAILED, INVALID_ID, INVALID_CURSOR, ...)',
  [HttpStatus.UNAUTHORIZED]: 'No valid credential (UNAUTHENTICATED)',
  [HttpStatus.FORBIDDEN]: 'Authenticated but not allowed (FORBIDDEN)',
  [HttpStatus.NOT_FOUND]: 'No such resource, or not visible to the caller',
  [HttpStatus.CONFLICT]: 'Conflicts with the current state',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Too many attempts; see Retry-After',
};

/** Documents the error answers of a route, all in the one error body. */
export function ApiErrors(...statuses: HttpStatus[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, type: ErrorBody, description: DESCRIPTIONS[status] })));
}

/** A route that needs a session (cookie or bearer token). */
export function ApiAuthenticated(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiCookieAuth('session'), ApiBearerAuth('bearer'));
}
