import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { ResealSecretsUseCase } from '../application/platform/reseal-secrets.use-case';
import { SeedIntegrationDefaultsUseCase } from '../application/platform/seed-integration-defaults.use-case';

/** Before the application serves: every type has its platform row, and no secret is left under a retired key. */
@Injectable()
export class IntegrationSettingsStartup implements OnApplicationBootstrap {
  constructor(
    private readonly seed: SeedIntegrationDefaultsUseCase,
    private readonly reseal: ResealSecretsUseCase,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.seed.execute();
    await this.reseal.execute();
  }
}
