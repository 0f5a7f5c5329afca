import { Injectable } from '@nestjs/common';
import { AuditActor, AuthorizationPort, Principal } from '../../platform';
import { PLATFORM, tenantRef } from '../../iam';
import { Forbidden, TenantNotFound } from '../domain/integration-errors';

/** The authorization questions of this module, asked of the AuthorizationPort. */
@Injectable()
export class IntegrationAccess {
  constructor(private readonly authorization: AuthorizationPort) {}

  isSystemAdmin(principal: Principal): Promise<boolean> {
    return this.authorization.check(principal.subject, 'super_admin', PLATFORM);
  }

  async requireSystemAdmin(principal: Principal): Promise<void> {
    if (!(await this.isSystemAdmin(principal))) throw new Forbidden('Only system administrators may do this');
  }

  /** Another tenant's routes do not exist for the caller, unless it is a system administrator. */
  async requireTenantVisible(principal: Principal, tenantId: string): Promise<void> {
    if (principal.tenantId === tenantId) return;
    if (!(await this.isSystemAdmin(principal))) throw new TenantNotFound();
  }

  /** `view`: the tenant's members; `manage`: its admins and system administrators. */
  async requireOnTenant(principal: Principal, permission: 'view' | 'manage', tenantId: string): Promise<void> {
    if (!(await this.authorization.check(principal.subject, permission, tenantRef(tenantId)))) {
      throw new Forbidden(permission === 'manage' ? 'Only tenant administrators may do this' : 'Not a member of this tenant');
    }
  }
}

/** The audit log's actor for a caller. */
export function actorOf(principal: Principal): AuditActor {
  return principal.kind === 'user' ? { type: 'user', id: principal.userId ?? principal.id } : { type: 'api_key', id: principal.id };
}

/** Who changed a row, as `updated_by` keeps it. */
export function updatedBy(principal: Principal): string {
  const actor = actorOf(principal);
  return `${actor.type}:${actor.id}`;
}
