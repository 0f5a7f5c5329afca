import { HttpStatus } from '@nestjs/common';
import { errorDocs } from '../../../platform';

const DESCRIPTIONS: Partial<Record<HttpStatus, string>> = {
  [HttpStatus.BAD_REQUEST]: 'Invalid request (VALIDATION_FAILED, INVALID_ID)',
  [HttpStatus.UNAUTHORIZED]: 'No valid credential (UNAUTHENTICATED)',
  [HttpStatus.FORBIDDEN]: 'Not allowed (FORBIDDEN)',
  [HttpStatus.NOT_FOUND]: 'No such tenant or webhook, or not visible to the caller (TENANT_NOT_FOUND, NOTIFICATION_WEBHOOK_NOT_FOUND)',
};

/** The error answers of a reminder webhook or admin route, with their codes. */
export const ApiReminderErrors = errorDocs(DESCRIPTIONS);
