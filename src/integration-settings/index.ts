// The integration-settings module's public surface for other modules.
export { IntegrationSettingsModule } from './integration-settings.module';
export { IntegrationResolver } from './application/provider/resolve-integration.use-case';
export { RESOLVE_SCOPE } from './application/provider/resolve-for-machine.use-case';
export type { ResolvedIntegration } from './application/integration-views';
export { SecretBox } from './application/ports/secret-box';
export type { SealedSecret } from './application/ports/secret-box';
