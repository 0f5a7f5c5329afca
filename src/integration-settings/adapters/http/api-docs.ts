import { applyDecorators, HttpStatus } from '@nestjs/common';
import { ApiBearerAuth, ApiSecurity } from '@nestjs/swagger';
import { errorDocs } from '../../../platform';

const DESCRIPTIONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]:
    'Invalid request (INTEGRATION_SECRET_FORBIDDEN, INTEGRATION_FIELD_UNKNOWN, INTEGRATION_SETTINGS_INVALID, INVALID_ID, INVALID_CURSOR, VALIDATION_FAILED)',
  [HttpStatus.UNAUTHORIZED]: 'No valid credential (UNAUTHENTICATED)',
  [HttpStatus.FORBIDDEN]: 'Not allowed (FORBIDDEN, PLAN_FORBIDS_OVERRIDES, INSUFFICIENT_SCOPE)',
  [HttpStatus.NOT_FOUND]: 'No such tenant or integration type, or not visible to the caller (TENANT_NOT_FOUND, INTEGRATION_TYPE_NOT_FOUND)',
  [HttpStatus.CONFLICT]: 'The platform has the integration disabled or holds no secret for it (INTEGRATION_DISABLED, INTEGRATION_SECRET_NOT_SET)',
};

/** The error answers of a route, with this module's codes. */
export const ApiErrors = errorDocs(DESCRIPTIONS);

/** A route for machines: an API key as bearer or X-API-Key. */
export function ApiMachine(): MethodDecorator & ClassDecorator {
  return applyDecorators(ApiSecurity('api_key'), ApiBearerAuth('bearer'));
}
