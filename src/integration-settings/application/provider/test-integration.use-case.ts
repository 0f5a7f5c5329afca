import { Injectable } from '@nestjs/common';
import { Principal, TransactionRunner } from '../../../platform';
import { integrationType } from '../../domain/integration-registry';
import type { Settings } from '../../domain/integration-type';
import { IntegrationAccess } from '../integration-access';
import { IntegrationProvider, ProviderCheck } from '../ports/integration-provider';
import { SecretBox } from '../ports/secret-box';
import { TenantIntegrationReader } from '../tenant-integration-reader';
import { openProviderSecret } from './provider-secret';

export interface IntegrationTestResult extends ProviderCheck {
  type: string;
  /** The effective settings the provider was checked with. */
  settings: Settings;
}

/**
 * Checks that the provider answers with the platform's key and the tenant's effective settings
 * (tenant admins, system administrators). The call happens after the transaction: no database
 * transaction waits on a remote service.
 */
@Injectable()
export class TestIntegrationUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: IntegrationAccess,
    private readonly reader: TenantIntegrationReader,
    private readonly box: SecretBox,
    private readonly provider: IntegrationProvider,
  ) {}

  async execute(principal: Principal, tenantId: string, type: string): Promise<IntegrationTestResult> {
    await this.access.requireTenantVisible(principal, tenantId);
    const definition = integrationType(type);
    const { settings, secret } = await this.tx.inTenant(tenantId, async () => {
      const plan = await this.reader.planOf(tenantId);
      await this.access.requireOnTenant(principal, 'manage', tenantId);
      const view = await this.reader.view(tenantId, plan, definition);
      return { settings: view.settings, secret: openProviderSecret(this.box, definition, await this.reader.global(definition), view.settings) };
    });
    const check = await this.provider.test(type, settings, secret.value);
    return { type, settings, ...check };
  }
}
