import { Injectable } from '@nestjs/common';
import { AuthorizationPort, ObjectRef, Principal } from '../../platform';
import { Forbidden, TenantNotFound } from '../domain/iam-errors';
import { PLATFORM } from './authorization-graph';

/** Asks the AuthorizationPort the questions every IAM use case starts with. */
@Injectable()
export class AccessPolicy {
  constructor(private readonly authorization: AuthorizationPort) {}

  can(principal: Principal, permission: string, resource: ObjectRef): Promise<boolean> {
    return this.authorization.check(principal.subject, permission, resource);
  }

  async require(principal: Principal, permission: string, resource: ObjectRef): Promise<void> {
    if (!(await this.can(principal, permission, resource))) throw new Forbidden();
  }

  isSystemAdmin(principal: Principal): Promise<boolean> {
    return this.can(principal, 'super_admin', PLATFORM);
  }

  async requireSystemAdmin(principal: Principal): Promise<void> {
    if (!(await this.isSystemAdmin(principal))) throw new Forbidden('Only system administrators may do this');
  }

  /** Another tenant's routes do not exist for the caller, unless it is a system administrator. */
  async requireTenantVisible(principal: Principal, tenantId: string): Promise<void> {
    if (principal.tenantId === tenantId) return;
    if (!(await this.isSystemAdmin(principal))) throw new TenantNotFound();
  }

  /** Ids of every `resourceType` the caller may `view`. */
  visible(principal: Principal, resourceType: string): Promise<string[]> {
    return this.authorization.lookupResources(principal.subject, 'view', resourceType);
  }
}
