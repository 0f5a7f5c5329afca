import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { INTEGRATION_TYPES } from '../../domain/integration-registry';
import { GlobalIntegrationSettingsRepository } from '../ports/global-integration-settings.repository';

/** Gives every known type its platform row on first start; rows that exist are left as administrators set them. */
@Injectable()
export class SeedIntegrationDefaultsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly globals: GlobalIntegrationSettingsRepository,
  ) {}

  execute(): Promise<void> {
    return this.tx.asSystem(() => this.globals.seedMissing(INTEGRATION_TYPES.map((d) => ({ type: d.name, defaults: { ...d.defaults } }))));
  }
}
