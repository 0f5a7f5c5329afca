import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from '../errors/error-body';

/** Documents a route's error answers, all in the one error body, each with the codes it may carry. */
export function ApiErrorResponses(errors: Partial<Record<HttpStatus, string>>): MethodDecorator {
  return applyDecorators(
    ...Object.entries(errors).map(([status, description]) => ApiResponse({ status: Number(status), type: ErrorBody, description })),
  );
}

/**
 * A module's `ApiErrors(...statuses)`: each status documented with the module's own description
 * of the codes it answers there.
 */
export function errorDocs(descriptions: Partial<Record<HttpStatus, string>>): (...statuses: HttpStatus[]) => MethodDecorator {
  return (...statuses) => ApiErrorResponses(Object.fromEntries(statuses.map((status) => [status, descriptions[status]])));
}

/** Routes for people: a session cookie, or its token as a bearer. */
export function ApiForPeople(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiCookieAuth('session'), ApiBearerAuth('bearer'));
}
