import { DomainError } from '../../platform/kernel';

/** Failures of the reminder job's routes and the tenant webhook settings, each with its stable code. */

export class ReminderForbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly kind = 'forbidden';
  constructor(message = 'Not allowed') {
    super(message);
  }
}

export class ReminderTenantNotFound extends DomainError {
  readonly code = 'TENANT_NOT_FOUND';
  readonly kind = 'not_found';
  constructor() {
    super('Tenant not found');
  }
}

export class NotificationWebhookNotFound extends DomainError {
  readonly code = 'NOTIFICATION_WEBHOOK_NOT_FOUND';
  readonly kind = 'not_found';
  constructor() {
    super('This tenant has no notification webhook');
  }
}
