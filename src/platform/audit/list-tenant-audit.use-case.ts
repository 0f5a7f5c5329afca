import { Injectable } from '@nestjs/common';
import type { Principal } from '../authentication/principal';
import { AuthorizationPort } from '../authorization/authorization.port';
import { TransactionRunner } from '../database/transaction-runner';
import { AuditForbidden, AuditTenantNotFound } from './audit-errors';
import { AuditLogReader, AuditPage, AuditQuery } from './audit-log.port';

const PLATFORM = { type: 'platform', id: 'gatehouse' };
const tenantRef = (id: string) => ({ type: 'tenant', id });

export type TenantAuditQuery = Omit<AuditQuery, 'tenantId'>;

/**
 * One tenant's audit trail, newest first, for its admins and system administrators. Another
 * tenant does not exist for anyone else; row-level security keeps the listing inside the tenant.
 */
@Injectable()
export class ListTenantAuditUseCase {
  constructor(
    private readonly authorization: AuthorizationPort,
    private readonly tx: TransactionRunner,
    private readonly reader: AuditLogReader,
  ) {}

  async execute(principal: Principal, tenantId: string, query: TenantAuditQuery): Promise<AuditPage> {
    if (principal.tenantId !== tenantId && !(await this.authorization.check(principal.subject, 'super_admin', PLATFORM))) {
      throw new AuditTenantNotFound();
    }
    if (!(await this.authorization.check(principal.subject, 'manage', tenantRef(tenantId)))) throw new AuditForbidden();
    return this.tx.inTenant(tenantId, () => this.reader.list({ ...query, tenantId }));
  }
}
