import { DomainError } from '../kernel';

export class AuditTenantNotFound extends DomainError {
  readonly code = 'TENANT_NOT_FOUND';
  readonly kind = 'not_found';
  constructor() {
    super('Tenant not found');
  }
}

export class AuditForbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly kind = 'forbidden';
  constructor() {
    super('Only tenant administrators may read the audit log');
  }
}
