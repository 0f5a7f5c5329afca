import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiResponse } from '@nestjs/swagger';
import { ErrorBody } from '../../../platform';

const DESCRIPTIONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Invalid request (VALIDATION_FAILED, INVALID_ID)',
  [HttpStatus.UNAUTHORIZED]: 'No valid credential (UNAUTHENTICATED)',
  [HttpStatus.FORBIDDEN]: 'Not allowed (FORBIDDEN)',
  [HttpStatus.NOT_FOUND]: 'No such tenant or webhook, or not visible to the caller (TENANT_NOT_FOUND, NOTIFICATION_WEBHOOK_NOT_FOUND)',
};

/** Documents the error answers of a route, all in the one error body. */
export function ApiReminderErrors(...statuses: HttpStatus[]): MethodDecorator {
  return applyDecorators(...statuses.map((status) => ApiResponse({ status, type: ErrorBody, description: DESCRIPTIONS[status] })));
}

/** A route for people: a session cookie or bearer session token. */
export function ApiReminderSession(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiCookieAuth('session'), ApiBearerAuth('bearer'));
}
