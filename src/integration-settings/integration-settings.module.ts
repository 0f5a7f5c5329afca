import { Module } from '@nestjs/common';
import { AppConfig } from '../platform';
import { IntegrationAccess } from './application/integration-access';
import { PlatformIntegrationQueriesUseCase } from './application/platform/platform-integration-queries.use-case';
import { ResealSecretsUseCase } from './application/platform/reseal-secrets.use-case';
import { SeedIntegrationDefaultsUseCase } from './application/platform/seed-integration-defaults.use-case';
import { UpdatePlatformIntegrationUseCase } from './application/platform/update-platform-integration.use-case';
import { GlobalIntegrationSettingsRepository } from './application/ports/global-integration-settings.repository';
import { IntegrationProvider } from './application/ports/integration-provider';
import { SecretBox } from './application/ports/secret-box';
import { TenantOverridesRepository } from './application/ports/tenant-overrides.repository';
import { TenantPlans } from './application/ports/tenant-plans';
import { ResolveForMachineUseCase } from './application/provider/resolve-for-machine.use-case';
import { IntegrationResolver, ResolveIntegrationUseCase } from './application/provider/resolve-integration.use-case';
import { TestIntegrationUseCase } from './application/provider/test-integration.use-case';
import { ListIntegrationAuditUseCase } from './application/tenant/list-integration-audit.use-case';
import { ResetTenantOverridesUseCase } from './application/tenant/reset-tenant-overrides.use-case';
import { TenantIntegrationQueriesUseCase } from './application/tenant/tenant-integration-queries.use-case';
import { UpdateTenantOverridesUseCase } from './application/tenant/update-tenant-overrides.use-case';
import { TenantIntegrationReader } from './application/tenant-integration-reader';
import { AesGcmSecretBox } from './adapters/crypto/aes-gcm-secret-box';
import { keyRingFromConfig } from './adapters/crypto/encryption-key-ring';
import { AdminIntegrationsController } from './adapters/http/admin-integrations.controller';
import { IntegrationResolveController } from './adapters/http/integration-resolve.controller';
import { TenantIntegrationsController } from './adapters/http/tenant-integrations.controller';
import { IntegrationSettingsStartup } from './adapters/integration-settings-startup';
import { SqlGlobalIntegrationSettingsRepository } from './adapters/persistence/sql-global-integration-settings.repository';
import { SqlTenantOverridesRepository } from './adapters/persistence/sql-tenant-overrides.repository';
import { SqlTenantPlans } from './adapters/persistence/sql-tenant-plans';
import { HttpIntegrationProvider } from './adapters/providers/http-integration-provider';

/** Platform defaults and sealed provider secrets, per-tenant overrides of allowed fields, and the resolver. */
@Module({
  controllers: [AdminIntegrationsController, TenantIntegrationsController, IntegrationResolveController],
  providers: [
    { provide: GlobalIntegrationSettingsRepository, useClass: SqlGlobalIntegrationSettingsRepository },
    { provide: TenantOverridesRepository, useClass: SqlTenantOverridesRepository },
    { provide: TenantPlans, useClass: SqlTenantPlans },
    { provide: SecretBox, inject: [AppConfig], useFactory: (config: AppConfig) => new AesGcmSecretBox(keyRingFromConfig(config)) },
    { provide: IntegrationProvider, useClass: HttpIntegrationProvider },
    { provide: IntegrationResolver, useClass: ResolveIntegrationUseCase },
    IntegrationAccess,
    TenantIntegrationReader,
    PlatformIntegrationQueriesUseCase,
    UpdatePlatformIntegrationUseCase,
    SeedIntegrationDefaultsUseCase,
    ResealSecretsUseCase,
    TenantIntegrationQueriesUseCase,
    UpdateTenantOverridesUseCase,
    ResetTenantOverridesUseCase,
    ListIntegrationAuditUseCase,
    TestIntegrationUseCase,
    ResolveForMachineUseCase,
    IntegrationSettingsStartup,
  ],
  // SecretBox: other modules seal their own secrets (e.g. notification webhooks) with the same keys.
  exports: [IntegrationResolver, SecretBox],
})
export class IntegrationSettingsModule {}
