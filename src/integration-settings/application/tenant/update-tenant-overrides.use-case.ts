import { Injectable } from '@nestjs/common';
import { AuditLog, Principal, TransactionRunner } from '../../../platform';
import { platformSettings } from '../../domain/effective-settings';
import { integrationType } from '../../domain/integration-registry';
import { PlanForbidsOverrides } from '../../domain/integration-errors';
import { planAllowsOverrides } from '../../domain/plan-rules';
import { settingChanges } from '../../domain/setting-changes';
import { applyOverridePatch, parseOverridePatch } from '../../domain/tenant-overrides';
import { actorOf, IntegrationAccess, updatedBy } from '../integration-access';
import type { TenantIntegrationView } from '../integration-views';
import { TenantOverridesRepository } from '../ports/tenant-overrides.repository';
import { TenantIntegrationReader } from '../tenant-integration-reader';

export const TENANT_AUDIT_RESOURCE = 'integration_settings';

/**
 * Saves a tenant's overrides of allowed fields (tenant admins, system administrators). The body is
 * checked for secrets before anything else and before any database work, so a refused body is
 * neither stored nor repeated. Overrides, and the audit record of what changed, commit together.
 */
@Injectable()
export class UpdateTenantOverridesUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: IntegrationAccess,
    private readonly reader: TenantIntegrationReader,
    private readonly overrides: TenantOverridesRepository,
    private readonly audit: AuditLog,
  ) {}

  async execute(principal: Principal, tenantId: string, type: string, body: unknown, clientAddress?: string): Promise<TenantIntegrationView> {
    await this.access.requireTenantVisible(principal, tenantId);
    const definition = integrationType(type);
    const patch = parseOverridePatch(definition, body);
    return this.tx.inTenant(tenantId, async () => {
      const plan = await this.reader.planOf(tenantId);
      await this.access.requireOnTenant(principal, 'manage', tenantId);
      // Enforced here, not only in a client: a free tenant's request changes nothing.
      if (!planAllowsOverrides(plan)) throw new PlanForbidsOverrides(plan);
      const global = await this.reader.global(definition);
      const current = await this.overrides.lock(tenantId, type);
      const { overrides } = applyOverridePatch(definition, platformSettings(definition, global.defaults), current, patch);
      const changes = settingChanges(current, overrides);
      if (Object.keys(overrides).length === 0) await this.overrides.delete(tenantId, type);
      else if (changes.length > 0) await this.overrides.save(tenantId, type, overrides, updatedBy(principal));
      if (changes.length > 0) {
        await this.audit.record({
          tenantId,
          actor: actorOf(principal),
          action: `${TENANT_AUDIT_RESOURCE}.updated`,
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
