import { HttpStatus } from '@nestjs/common';
import { errorDocs } from '../../../platform';

const DESCRIPTIONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Invalid request (VALIDATION_FAILED, INVALID_ID, API_KEY_EXPIRY_EXCEEDS_POLICY, RESOURCE_PERMISSIONS_SECRET_ONLY, ...)',
  [HttpStatus.UNAUTHORIZED]: 'No valid credential (UNAUTHENTICATED, API_KEY_INVALID, API_KEY_EXPIRED, API_KEY_REVOKED, API_KEY_SUSPENDED, API_KEY_OWNER_DISABLED)',
  [HttpStatus.FORBIDDEN]: 'Authenticated but not allowed (FORBIDDEN, API_KEY_SCOPE_MISSING, API_KEY_PERMISSION_TOO_LOW, API_KEY_OUT_OF_SCOPE, ' +
    'API_KEY_ORIGIN_NOT_ALLOWED, API_KEY_IP_NOT_ALLOWED, API_KEY_PERMISSION_EXCEEDS_CREATOR)',
  [HttpStatus.NOT_FOUND]: 'No such resource, or not visible to the caller',
  [HttpStatus.CONFLICT]: 'Conflicts with the current state (API_KEY_NAME_TAKEN, API_KEY_ALREADY_REVOKED, API_KEY_ALREADY_SUSPENDED, API_KEY_NOT_SUSPENDED, API_KEY_ALREADY_EXPIRED)',
  [HttpStatus.TOO_MANY_REQUESTS]: 'API_KEY_ATTEMPTS_THROTTLED (too many failed key attempts from this client) or API_KEY_RATE_LIMITED (over the key\'s rate_limit; RateLimit-* headers); see Retry-After',
};

/** The error answers of a route, with this module's codes. */
export const ApiErrors = errorDocs(DESCRIPTIONS);
