import { Injectable } from '@nestjs/common';
import { AuditLog, Clock, Principal, TransactionRunner } from '../../../platform';
import { platformSettings } from '../../domain/effective-settings';
import { integrationType } from '../../domain/integration-registry';
import type { IntegrationTypeDefinition } from '../../domain/integration-type';
import { applyDefaultsPatch, parsePlatformPatch, PlatformPatch } from '../../domain/platform-patch';
import { settingChanges } from '../../domain/setting-changes';
import { actorOf, IntegrationAccess, updatedBy } from '../integration-access';
import type { PlatformIntegrationView } from '../integration-views';
import { GlobalIntegrationSettings, GlobalIntegrationSettingsRepository, StoredSecret } from '../ports/global-integration-settings.repository';
import { SecretBox } from '../ports/secret-box';
import { platformView } from './platform-integration-view';

export const PLATFORM_AUDIT_RESOURCE = 'global_integration_settings';

/**
 * Changes what the body names of a type's platform settings (system administrators): defaults
 * field by field, secrets one by one (sealed before they are stored), in one transaction with its
 * audit record. The record lands in the administrator's own tenant: the audit log is per tenant.
 */
@Injectable()
export class UpdatePlatformIntegrationUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly access: IntegrationAccess,
    private readonly globals: GlobalIntegrationSettingsRepository,
    private readonly box: SecretBox,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, type: string, body: unknown, clientAddress?: string): Promise<PlatformIntegrationView> {
    await this.access.requireSystemAdmin(principal);
    const definition = integrationType(type);
    const patch = parsePlatformPatch(definition, body);
    return this.tx.asSystem(async () => {
      const before = await this.globals.findForUpdate(type);
      if (!before) throw new Error(`integration type ${type} was not seeded`);
      const now = this.clock.now();
      const after: GlobalIntegrationSettings = {
        ...before,
        enabled: patch.enabled ?? before.enabled,
        defaults: applyDefaultsPatch(definition, before.defaults, patch.defaults),
        secrets: this.applySecrets(definition, before.secrets, patch, now),
        updatedAt: now,
        updatedBy: updatedBy(principal),
      };
      const changes = [
        ...settingChanges({ enabled: before.enabled }, { enabled: after.enabled }),
        ...settingChanges(platformSettings(definition, before.defaults), after.defaults),
      ];
      const secrets = secretChanges(before.secrets, after.secrets);
      if (changes.length === 0 && secrets.length === 0) return platformView(definition, before);
      await this.globals.save(after);
      await this.audit.record({
        tenantId: principal.tenantId,
        actor: actorOf(principal),
        action: `${PLATFORM_AUDIT_RESOURCE}.updated`,
        resourceType: PLATFORM_AUDIT_RESOURCE,
        resourceId: type,
        details: { integration_type: type, changes, secrets },
        clientAddress,
      });
      return platformView(definition, after);
    });
  }

  private applySecrets(
    definition: IntegrationTypeDefinition,
    current: Record<string, StoredSecret>,
    patch: PlatformPatch,
    now: Date,
  ): Record<string, StoredSecret> {
    const secrets = { ...current };
    for (const [name, value] of Object.entries(patch.secrets)) {
      if (value === null) {
        delete secrets[name];
        continue;
      }
      const fingerprint = this.box.fingerprint(value);
      // The same secret again changes nothing (and keeps its date).
      if (secrets[name]?.fingerprint === fingerprint) continue;
      secrets[name] = { sealed: this.box.seal(value, secretContext(definition.name, name)), fingerprint, updatedAt: now };
    }
    return secrets;
  }
}

/** What the sealed value is bound to: a secret cannot be moved to another type or name. */
export function secretContext(type: string, name: string): string {
  return `${type}/${name}`;
}

/** Secret changes for the audit log: names and fingerprints, never values. */
function secretChanges(before: Record<string, StoredSecret>, after: Record<string, StoredSecret>): Array<Record<string, string | null>> {
  const names = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  return names
    .filter((name) => before[name]?.fingerprint !== after[name]?.fingerprint)
    .map((name) => ({
      secret: name,
      change: after[name] ? 'set' : 'removed',
      old_fingerprint: before[name]?.fingerprint ?? null,
      new_fingerprint: after[name]?.fingerprint ?? null,
    }));
}
