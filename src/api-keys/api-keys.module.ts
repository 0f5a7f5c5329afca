import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AdminApiKeysController } from './adapters/http/admin-api-keys.controller';
import { ApiKeyAuthenticator } from './adapters/http/api-key.authenticator';
import { ApiKeysController } from './adapters/http/api-keys.controller';
import { KeyPolicyController } from './adapters/http/key-policy.controller';
import { KeyVerificationController } from './adapters/http/key-verification.controller';
import { MachineScopeGuard } from './adapters/http/machine-access';
import { PgKeyChangeFeed } from './adapters/cache/pg-key-change-feed';
import { HmacKeyHasher } from './adapters/crypto/hmac-key-hasher';
import { SqlApiKeyRepository } from './adapters/persistence/sql-api-key.repository';
import { SqlKeyLookup } from './adapters/persistence/sql-key-lookup';
import { SqlKeyPolicyRepository } from './adapters/persistence/sql-key-policy.repository';
import { SqlLastUsedStore } from './adapters/persistence/sql-last-used-store';
import { ApiKeyAccess } from './application/api-key-access';
import { ApiKeyCreatedHooks } from './application/api-key-created-hook';
import { ApiKeyQueriesUseCase } from './application/api-key-queries.use-case';
import { ApiKeyWrites } from './application/api-key-writes';
import { CreateApiKeyUseCase } from './application/create-api-key.use-case';
import { EraseTenantKeys } from './application/erase-tenant-keys';
import { FailedAttemptThrottle } from './application/failed-attempt-throttle';
import { KeyPolicyUseCase } from './application/key-policy.use-case';
import { KeyVerifier } from './application/key-verifier';
import { KeysFollowTheirOwner } from './application/keys-follow-their-owner';
import { LastUsedRecorder } from './application/last-used-recorder';
import { ApiKeyRepository } from './application/ports/api-key.repository';
import { KeyChangeFeed } from './application/ports/key-change-feed';
import { KeyHasher } from './application/ports/key-hasher';
import { KeyLookup } from './application/ports/key-lookup';
import { KeyPolicyRepository } from './application/ports/key-policy.repository';
import { LastUsedStore } from './application/ports/last-used-store';
import { RevokeApiKeyUseCase } from './application/revoke-api-key.use-case';
import { RotateApiKeyUseCase } from './application/rotate-api-key.use-case';
import { UpdateApiKeyUseCase } from './application/update-api-key.use-case';
import { VerifiedKeyCache } from './application/verified-key-cache';
import { VerifyApiKeyUseCase } from './application/verify-api-key.use-case';
import { KeyCreationConstraintsController } from './adapters/http/key-creation-constraints.controller';
import { SqlWorkspaceTree } from './adapters/persistence/sql-workspace-tree';
import { KeyControlsPlanner } from './application/key-controls-planner';
import { KeyCreationConstraintsUseCase } from './application/key-creation-constraints.use-case';
import { KeyRequestRules } from './application/key-request-rules';
import { KeyScopes } from './application/key-scopes';
import { WorkspaceTree } from './application/ports/workspace-tree';

import { ScheduleModule } from '@nestjs/schedule';
import { AdminKeyLifecycleController } from './adapters/http/admin-key-lifecycle.controller';
import { KeyLifecycleController } from './adapters/http/key-lifecycle.controller';
import { SqlKeyDirectory } from './adapters/persistence/sql-key-directory';
import { SqlKeyMaintenanceStore } from './adapters/persistence/sql-key-maintenance.store';
import { SqlKeyStateStore } from './adapters/persistence/sql-key-state.store';
import { KeyMaintenanceSchedule } from './adapters/schedule/key-maintenance.schedule';
import { KeyAudit } from './application/key-audit';
import { KeyMaintenanceUseCase } from './application/key-maintenance.use-case';
import { LookupLeakedKeyUseCase } from './application/lookup-leaked-key.use-case';
import { KeyDirectory } from './application/ports/key-directory';
import { KeyMaintenanceStore } from './application/ports/key-maintenance.store';
import { KeyStateStore } from './application/ports/key-state.store';
import { ReactivateApiKeyUseCase } from './application/reactivate-api-key.use-case';
import { SuspendApiKeyUseCase } from './application/suspend-api-key.use-case';

import { ExpiringSoonController } from './adapters/http/expiring-soon.controller';
import { KeyRateLimitAdmission } from './adapters/http/key-rate-limit.admission';
import { KeyUsageController } from './adapters/http/key-usage.controller';
import { KeyUsageHook } from './adapters/http/key-usage.hook';
import { SqlExpiringKeys } from './adapters/persistence/sql-expiring-keys';
import { SqlUsageLog } from './adapters/persistence/sql-usage-log';
import { RedisRateCounter } from './adapters/redis/redis-rate-counter';
import { ExpiringSoonUseCase } from './application/expiring-soon.use-case';
import { KeyRateLimiter } from './application/key-rate-limiter';
import { KeyUsageUseCase } from './application/key-usage.use-case';
import { ExpiringKeys } from './application/ports/expiring-keys';
import { NoSharedRateCounter, SharedRateCounter } from './application/ports/shared-rate-counter';
import { UsageLog } from './application/ports/usage-log';
import { UsageRecorder } from './application/usage-recorder';
import { AppConfig } from '../platform';

/** API keys: issuing, policy, rotation, revocation, and verification as a credential kind. */
@Module({
  imports: [DiscoveryModule, ScheduleModule.forRoot()],
  controllers: [KeyCreationConstraintsController, ApiKeysController, KeyPolicyController, AdminApiKeysController, KeyVerificationController, KeyLifecycleController, AdminKeyLifecycleController, KeyUsageController, ExpiringSoonController],
  providers: [
    { provide: ApiKeyRepository, useClass: SqlApiKeyRepository },
    { provide: KeyPolicyRepository, useClass: SqlKeyPolicyRepository },
    { provide: KeyLookup, useClass: SqlKeyLookup },
    { provide: LastUsedStore, useClass: SqlLastUsedStore },
    { provide: KeyHasher, useClass: HmacKeyHasher },
    PgKeyChangeFeed,
    { provide: KeyChangeFeed, useExisting: PgKeyChangeFeed },
    VerifiedKeyCache,
    FailedAttemptThrottle,
    LastUsedRecorder,
    KeyVerifier,
    ApiKeyAccess,
    ApiKeyWrites,
    ApiKeyCreatedHooks,
    CreateApiKeyUseCase,
    ApiKeyQueriesUseCase,
    UpdateApiKeyUseCase,
    RotateApiKeyUseCase,
    RevokeApiKeyUseCase,
    KeyPolicyUseCase,
    VerifyApiKeyUseCase,
    ApiKeyAuthenticator,
    EraseTenantKeys,
    KeysFollowTheirOwner,
    MachineScopeGuard,
    { provide: KeyStateStore, useClass: SqlKeyStateStore },
    { provide: KeyDirectory, useClass: SqlKeyDirectory },
    { provide: KeyMaintenanceStore, useClass: SqlKeyMaintenanceStore },
    KeyAudit,
    SuspendApiKeyUseCase,
    ReactivateApiKeyUseCase,
    LookupLeakedKeyUseCase,
    KeyMaintenanceUseCase,
    KeyMaintenanceSchedule,
    { provide: WorkspaceTree, useClass: SqlWorkspaceTree },
    KeyScopes,
    KeyRequestRules,
    KeyControlsPlanner,
    KeyCreationConstraintsUseCase,
    // Rate limits (shared in Redis when REDIS_URL is set), the usage log, expiring-soon.
    { provide: SharedRateCounter, inject: [AppConfig], useFactory: (config: AppConfig) => (config.redis.url ? new RedisRateCounter(config) : new NoSharedRateCounter()) },
    KeyRateLimiter,
    KeyRateLimitAdmission,
    { provide: UsageLog, useClass: SqlUsageLog },
    UsageRecorder,
    KeyUsageHook,
    KeyUsageUseCase,
    { provide: ExpiringKeys, useClass: SqlExpiringKeys },
    ExpiringSoonUseCase,
  ],
  exports: [KeyRequestRules, KeyVerifier, LastUsedRecorder, ApiKeyQueriesUseCase, KeyPolicyRepository],
})
export class ApiKeysModule {}
