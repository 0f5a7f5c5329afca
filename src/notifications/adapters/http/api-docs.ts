import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from '../../../platform';

/** Documents a route's error answers (all in the one error body), each with the codes it may carry. */
export function ApiErrors(errors: Partial<Record<HttpStatus, string>>): MethodDecorator {
  return applyDecorators(
    ...Object.entries(errors).map(([status, description]) => ApiResponse({ status: Number(status), type: ErrorBody, description })),
  );
}

/** Routes for people: a session cookie or its bearer token. */
export function ApiForPeople(): ClassDecorator {
  return applyDecorators(ApiCookieAuth('session'), ApiBearerAuth('bearer'));
}

export const UNAUTHENTICATED = 'No valid credential (UNAUTHENTICATED)';
export const PEOPLE_ONLY = 'FORBIDDEN: API keys may not use these routes';
export const VALIDATION = 'VALIDATION_FAILED';
