import { DomainError } from '../../platform/kernel';

/** Every integration-settings failure a caller can see, each with its stable code. */

export class IntegrationTypeNotFound extends DomainError {
  readonly code = 'INTEGRATION_TYPE_NOT_FOUND';
  readonly kind = 'not_found';
  constructor() {
    super('No such integration type');
  }
}

export class TenantNotFound extends DomainError {
  readonly code = 'TENANT_NOT_FOUND';
  readonly kind = 'not_found';
  constructor() {
    super('Tenant not found');
  }
}

export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly kind = 'forbidden';
  constructor(message = 'Not allowed') {
    super(message);
  }
}

/** The credential is a valid API key, but lacks the scope the route needs. */
export class InsufficientScope extends DomainError {
  readonly code = 'INSUFFICIENT_SCOPE';
  readonly kind = 'forbidden';
  constructor(scope: string) {
    super(`This route needs an API key with the scope ${scope}`, { required_scope: scope });
  }
}

/** Names where secret-like fields were found; their values are never repeated. */
export class IntegrationSecretForbidden extends DomainError {
  readonly code = 'INTEGRATION_SECRET_FORBIDDEN';
  readonly kind = 'invalid';
  constructor(fields: string[], where = 'Tenant settings') {
    super(`${where} cannot carry secrets; provider keys are held by the platform`, { fields });
  }
}

export class UnknownIntegrationFields extends DomainError {
  readonly code = 'INTEGRATION_FIELD_UNKNOWN';
  readonly kind = 'invalid';
  constructor(fields: string[], allowed: string[]) {
    super(`Unknown or not allowed here: ${fields.join(', ')}`, { fields, allowed });
  }
}

export interface FieldProblem {
  field: string;
  problems: string[];
}

export class InvalidIntegrationSettings extends DomainError {
  readonly code = 'INTEGRATION_SETTINGS_INVALID';
  readonly kind = 'invalid';
  constructor(fields: FieldProblem[], message = 'Invalid integration settings') {
    super(message, { fields });
  }
}

export class PlanForbidsOverrides extends DomainError {
  readonly code = 'PLAN_FORBIDS_OVERRIDES';
  readonly kind = 'forbidden';
  constructor(plan: string) {
    super(`Tenants on the ${plan} plan use the platform settings and cannot override them`, { plan });
  }
}

export class IntegrationDisabled extends DomainError {
  readonly code = 'INTEGRATION_DISABLED';
  readonly kind = 'conflict';
  constructor(type: string) {
    super(`The ${type} integration is disabled by the platform`);
  }
}

export class IntegrationSecretNotSet extends DomainError {
  readonly code = 'INTEGRATION_SECRET_NOT_SET';
  readonly kind = 'conflict';
  constructor(type: string, secret: string) {
    super(`The platform has no ${secret} for the ${type} integration`, { secret });
  }
}
