import { Injectable } from '@nestjs/common';
import { Principal, TransactionRunner } from '../../../platform';
import { INTEGRATION_TYPES, integrationType } from '../../domain/integration-registry';
import { IntegrationAccess } from '../integration-access';
import type { PlatformIntegrationView } from '../integration-views';
import { TenantIntegrationReader } from '../tenant-integration-reader';
import { platformView } from './platform-integration-view';

/** The platform settings of every type, or one (system administrators). */
@Injectable()
export class PlatformIntegrationQueriesUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: IntegrationAccess,
    private readonly reader: TenantIntegrationReader,
  ) {}

  async list(principal: Principal): Promise<PlatformIntegrationView[]> {
    await this.access.requireSystemAdmin(principal);
    return this.tx.asSystem(async () => {
      const views: PlatformIntegrationView[] = [];
      for (const definition of INTEGRATION_TYPES) views.push(platformView(definition, await this.reader.global(definition)));
      return views;
    });
  }

  async get(principal: Principal, type: string): Promise<PlatformIntegrationView> {
    await this.access.requireSystemAdmin(principal);
    const definition = integrationType(type);
    return this.tx.asSystem(async () => platformView(definition, await this.reader.global(definition)));
  }
}
