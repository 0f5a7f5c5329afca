import { HttpStatus } from '@nestjs/common';
import { errorDocs } from '../../../platform';

const DESCRIPTIONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Invalid request (VALIDATION_FAILED, INVALID_ID, INVALID_CURSOR, ...)',
  [HttpStatus.UNAUTHORIZED]: 'No valid credential (UNAUTHENTICATED)',
  [HttpStatus.FORBIDDEN]: 'Authenticated but not allowed (FORBIDDEN)',
  [HttpStatus.NOT_FOUND]: 'No such resource, or not visible to the caller',
  [HttpStatus.CONFLICT]: 'Conflicts with the current state',
  [HttpStatus.TOO_MANY_REQUESTS]: 'Too many attempts; see Retry-After',
};

/** The error answers of a route, with this module's codes. */
export const ApiErrors = errorDocs(DESCRIPTIONS);
