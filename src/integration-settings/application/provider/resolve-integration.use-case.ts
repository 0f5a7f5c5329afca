import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { integrationType } from '../../domain/integration-registry';
import type { ResolvedIntegration } from '../integration-views';
import { SecretBox } from '../ports/secret-box';
import { TenantIntegrationReader } from '../tenant-integration-reader';
import { openProviderSecret } from './provider-secret';

/**
 * For the platform's own server-side callers: a tenant's effective settings of a type with the
 * decrypted provider secret. Never reachable from a human route.
 */
export abstract class IntegrationResolver {
  /** Throws INTEGRATION_DISABLED, INTEGRATION_SECRET_NOT_SET, TENANT_NOT_FOUND or INTEGRATION_TYPE_NOT_FOUND. */
  abstract resolveIntegration(tenantId: string, type: string): Promise<ResolvedIntegration>;
}

@Injectable()
export class ResolveIntegrationUseCase extends IntegrationResolver {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly reader: TenantIntegrationReader,
    private readonly box: SecretBox,
  ) {
    super();
  }

  async resolveIntegration(tenantId: string, type: string): Promise<ResolvedIntegration> {
    const definition = integrationType(type);
    return this.tx.inTenant(tenantId, async () => {
      const plan = await this.reader.planOf(tenantId);
      const view = await this.reader.view(tenantId, plan, definition);
      const secret = openProviderSecret(this.box, definition, await this.reader.global(definition), view.settings);
      return { type, settings: view.settings, secret };
    });
  }
}
