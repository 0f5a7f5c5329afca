import type { IntegrationTypeDefinition, Settings } from '../../domain/integration-type';
import { IntegrationDisabled, IntegrationSecretNotSet } from '../../domain/integration-errors';
import type { GlobalIntegrationSettings } from '../ports/global-integration-settings.repository';
import { SecretBox } from '../ports/secret-box';
import { secretContext } from '../platform/update-platform-integration.use-case';

/** The decrypted secret the provider needs under these settings; refuses a disabled type or a missing secret. */
export function openProviderSecret(
  box: SecretBox,
  definition: IntegrationTypeDefinition,
  global: GlobalIntegrationSettings,
  settings: Settings,
): { name: string; value: string } {
  if (!global.enabled) throw new IntegrationDisabled(definition.name);
  const name = definition.secretFor(settings);
  const stored = global.secrets[name];
  if (!stored) throw new IntegrationSecretNotSet(definition.name, name);
  return { name, value: box.open(stored.sealed, secretContext(definition.name, name)) };
}
