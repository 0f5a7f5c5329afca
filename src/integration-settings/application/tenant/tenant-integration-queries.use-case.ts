import { Injectable } from '@nestjs/common';
import { Principal, TransactionRunner } from '../../../platform';
import { integrationType } from '../../domain/integration-registry';
import { IntegrationAccess } from '../integration-access';
import type { TenantIntegrationView } from '../integration-views';
import { TenantIntegrationReader } from '../tenant-integration-reader';

/** A tenant's effective settings: readable by its members (they hold no secret), and by system administrators. */
@Injectable()
export class TenantIntegrationQueriesUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: IntegrationAccess,
    private readonly reader: TenantIntegrationReader,
  ) {}

  async list(principal: Principal, tenantId: string): Promise<TenantIntegrationView[]> {
    await this.access.requireTenantVisible(principal, tenantId);
    return this.tx.inTenant(tenantId, async () => {
      const plan = await this.reader.planOf(tenantId);
      await this.access.requireOnTenant(principal, 'view', tenantId);
      return this.reader.list(tenantId, plan);
    });
  }

  async get(principal: Principal, tenantId: string, type: string): Promise<TenantIntegrationView> {
    await this.access.requireTenantVisible(principal, tenantId);
    const definition = integrationType(type);
    return this.tx.inTenant(tenantId, async () => {
      const plan = await this.reader.planOf(tenantId);
      await this.access.requireOnTenant(principal, 'view', tenantId);
      return this.reader.view(tenantId, plan, definition);
    });
  }
}
