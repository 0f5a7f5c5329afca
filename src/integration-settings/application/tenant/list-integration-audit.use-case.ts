import { Injectable } from '@nestjs/common';
import { AuditLogReader, AuditPage, Principal, TransactionRunner } from '../../../platform';
import { integrationType } from '../../domain/integration-registry';
import { IntegrationAccess } from '../integration-access';
import { PLATFORM_AUDIT_RESOURCE } from '../platform/update-platform-integration.use-case';
import { TenantIntegrationReader } from '../tenant-integration-reader';
import { TENANT_AUDIT_RESOURCE } from './update-tenant-overrides.use-case';

export interface IntegrationAuditQuery {
  type?: string;
  limit?: number;
  cursor?: string;
}

/** Audit records of integration settings changes, newest first. */
@Injectable()
export class ListIntegrationAuditUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: IntegrationAccess,
    private readonly reader: TenantIntegrationReader,
    private readonly auditLog: AuditLogReader,
  ) {}

  /** One tenant's override changes: its admins, and system administrators. */
  async forTenant(principal: Principal, tenantId: string, query: IntegrationAuditQuery): Promise<AuditPage> {
    await this.access.requireTenantVisible(principal, tenantId);
    if (query.type !== undefined) integrationType(query.type);
    return this.tx.inTenant(tenantId, async () => {
      await this.reader.planOf(tenantId);
      await this.access.requireOnTenant(principal, 'manage', tenantId);
      return this.auditLog.list({ tenantId, resourceType: TENANT_AUDIT_RESOURCE, resourceId: query.type, limit: query.limit, cursor: query.cursor });
    });
  }

  /** Platform settings changes, whoever made them: system administrators. */
  async forPlatform(principal: Principal, query: IntegrationAuditQuery): Promise<AuditPage> {
    await this.access.requireSystemAdmin(principal);
    if (query.type !== undefined) integrationType(query.type);
    return this.tx.asSystem(() =>
      this.auditLog.list({ resourceType: PLATFORM_AUDIT_RESOURCE, resourceId: query.type, limit: query.limit, cursor: query.cursor }),
    );
  }
}
