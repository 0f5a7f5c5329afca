import { DomainError } from '../../platform/kernel';

/** Every notifications failure a caller can see, each with its stable code. */

export class DaysBeforeExpiryExceedsPolicy extends DomainError {
  readonly code = 'DAYS_BEFORE_EXPIRY_EXCEEDS_POLICY';
  readonly kind = 'invalid';
  constructor(days: number, maxDays: number) {
    super(`days_before_expiry must be between 1 and the tenant's maximum of ${maxDays}`, {
      days_before_expiry: days,
      min_days_before_expiry: 1,
      max_days_before_expiry: maxDays,
    });
  }
}

export class TenantKeyFollowAdminsOnly extends DomainError {
  readonly code = 'AUTO_FOLLOW_TENANT_KEYS_ADMINS_ONLY';
  readonly kind = 'forbidden';
  constructor() {
    super('Only tenant administrators may follow every key of the tenant');
  }
}

export class NotificationsForPeopleOnly extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly kind = 'forbidden';
  constructor() {
    super('Notification settings and the inbox belong to people; sign in as the user');
  }
}

export class SubscriptionOutsideTenant extends DomainError {
  readonly code = 'SUBSCRIPTION_OUTSIDE_TENANT';
  readonly kind = 'forbidden';
  constructor() {
    super("Only users of the key's tenant may follow its keys");
  }
}

export class SubscribedKeyNotFound extends DomainError {
  readonly code = 'API_KEY_NOT_FOUND';
  readonly kind = 'not_found';
  constructor() {
    super('API key not found');
  }
}

export class NotificationNotFound extends DomainError {
  readonly code = 'NOTIFICATION_NOT_FOUND';
  readonly kind = 'not_found';
  constructor() {
    super('Notification not found');
  }
}

export class InvalidCursor extends DomainError {
  readonly code = 'INVALID_CURSOR';
  readonly kind = 'invalid';
  constructor() {
    super('The cursor is not one this list returned');
  }
}
