import { Injectable } from '@nestjs/common';
import { AuthorizationPort, Principal } from '../../../platform';
import { PLATFORM, tenantRef } from '../../../iam';
import { ReminderForbidden, ReminderTenantNotFound } from '../../domain/reminder-errors';

/** Who may run the reminder job (system administrators) and set a tenant's webhook (its admins). */
@Injectable()
export class ReminderAccess {
  constructor(private readonly authorization: AuthorizationPort) {}

  private isSystemAdmin(principal: Principal): Promise<boolean> {
    // An API key's subject is the key, never a system administrator.
    return this.authorization.check(principal.subject, 'super_admin', PLATFORM);
  }

  async requireSystemAdmin(principal: Principal): Promise<void> {
    if (!(await this.isSystemAdmin(principal))) throw new ReminderForbidden('Only system administrators may do this');
  }

  /** Another tenant does not exist for the caller unless it is a system administrator; then tenant admins only. */
  async requireTenantManager(principal: Principal, tenantId: string): Promise<void> {
    if (principal.tenantId !== tenantId && !(await this.isSystemAdmin(principal))) throw new ReminderTenantNotFound();
    if (!(await this.authorization.check(principal.subject, 'manage', tenantRef(tenantId)))) {
      throw new ReminderForbidden('Only tenant administrators may do this');
    }
  }
}
