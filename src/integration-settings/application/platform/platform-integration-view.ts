import { platformSettings } from '../../domain/effective-settings';
import type { IntegrationTypeDefinition } from '../../domain/integration-type';
import type { PlatformIntegrationView } from '../integration-views';
import type { GlobalIntegrationSettings } from '../ports/global-integration-settings.repository';

/** The administrators' view of a platform row: every declared secret as {set, fingerprint, updatedAt} only. */
export function platformView(definition: IntegrationTypeDefinition, global: GlobalIntegrationSettings): PlatformIntegrationView {
  return {
    type: definition.name,
    enabled: global.enabled,
    defaults: platformSettings(definition, global.defaults),
    secrets: Object.fromEntries(
      definition.secrets.map((name) => {
        const stored = global.secrets[name];
        return [name, { set: stored !== undefined, fingerprint: stored?.fingerprint ?? null, updatedAt: stored?.updatedAt ?? null }];
      }),
    ),
    updatedAt: global.updatedAt,
    updatedBy: global.updatedBy,
  };
}
