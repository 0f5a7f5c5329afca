import { Injectable } from '@nestjs/common';
import { AuditLog, Principal, TransactionRunner } from '../../../platform';
import { integrationType } from '../../domain/integration-registry';
import { settingChanges } from '../../domain/setting-changes';
import { actorOf, IntegrationAccess } from '../integration-access';
import type { TenantIntegrationView } from '../integration-views';
import { TenantOverridesRepository } from '../ports/tenant-overrides.repository';
import { TenantIntegrationReader } from '../tenant-integration-reader';
import { TENANT_AUDIT_RESOURCE } from './update-tenant-overrides.use-case';

/** Puts a tenant back on the platform settings of a type: its row goes (allowed on every plan). */
@Injectable()
export class ResetTenantOverridesUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: IntegrationAccess,
    private readonly reader: TenantIntegrationReader,
    private readonly overrides: TenantOverridesRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(principal: Principal, tenantId: string, type: string, clientAddress?: string): Promise<TenantIntegrationView> {
    await this.access.requireTenantVisible(principal, tenantId);
    const definition = integrationType(type);
    return this.tx.inTenant(tenantId, async () => {
      const plan = await this.reader.planOf(tenantId);
      await this.access.requireOnTenant(principal, 'manage', tenantId);
      const current = await this.overrides.lock(tenantId, type);
      await this.overrides.delete(tenantId, type);
      const changes = settingChanges(current, {});
      if (changes.length > 0) {
        await this.audit.record({
          tenantId,
          actor: actorOf(principal),
          action: `${TENANT_AUDIT_RESOURCE}.reset`,
          resourceType: TENANT_AUDIT_RESOURCE,
          resourceId: type,
          details: { integration_type: type, changes },
          clientAddress,
        });
      }
      return this.reader.view(tenantId, plan, definition);
    });
  }
}
