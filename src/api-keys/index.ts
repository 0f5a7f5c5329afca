// The API keys module's public surface for other modules.
export { ApiKeysModule } from './api-keys.module';
export { MachineAccess, MachineScopeGuard } from './adapters/http/machine-access';
export { API_KEY_SCOPES } from './domain/scopes';
export { DEFAULT_KEY_POLICY } from './domain/key-policy';
export type { KeyPolicy, NotificationPolicy } from './domain/key-policy';
export { ApiKeyCreatedHook } from './application/api-key-created-hook';
export type { CreatedApiKey } from './application/api-key-created-hook';
export { ApiKeyQueriesUseCase } from './application/api-key-queries.use-case';
export { KeyPolicyRepository } from './application/ports/key-policy.repository';
export type { ApiKey } from './domain/api-key';
