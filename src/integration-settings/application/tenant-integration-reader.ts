import { Injectable } from '@nestjs/common';
import { effectiveSettings, platformSettings } from '../domain/effective-settings';
import { INTEGRATION_TYPES } from '../domain/integration-registry';
import type { IntegrationTypeDefinition } from '../domain/integration-type';
import { TenantNotFound } from '../domain/integration-errors';
import { planAllowsOverrides } from '../domain/plan-rules';
import type { TenantIntegrationView } from './integration-views';
import { GlobalIntegrationSettings, GlobalIntegrationSettingsRepository } from './ports/global-integration-settings.repository';
import { TenantOverrides, TenantOverridesRepository } from './ports/tenant-overrides.repository';
import { TenantPlans } from './ports/tenant-plans';

/**
 * Computes what a tenant gets, inside the caller's unit of work of that tenant. Nothing is copied
 * into the tenant's row: a platform default change reaches every tenant without an override of
 * that field on its next read.
 */
@Injectable()
export class TenantIntegrationReader {
  constructor(
    private readonly plans: TenantPlans,
    private readonly globals: GlobalIntegrationSettingsRepository,
    private readonly overrides: TenantOverridesRepository,
  ) {}

  async planOf(tenantId: string): Promise<string> {
    const plan = await this.plans.planOf(tenantId);
    if (plan === undefined) throw new TenantNotFound();
    return plan;
  }

  /** The platform row; a type seeded later than this start reads as its built-in defaults. */
  async global(definition: IntegrationTypeDefinition): Promise<GlobalIntegrationSettings> {
    return (
      (await this.globals.find(definition.name)) ?? {
        type: definition.name,
        enabled: true,
        defaults: { ...definition.defaults },
        secrets: {},
        updatedAt: new Date(0),
        updatedBy: null,
      }
    );
  }

  async view(tenantId: string, plan: string, definition: IntegrationTypeDefinition): Promise<TenantIntegrationView> {
    const global = await this.global(definition);
    return toView(definition, global, await this.overrides.findActive(tenantId, definition.name), plan);
  }

  async list(tenantId: string, plan: string): Promise<TenantIntegrationView[]> {
    const overrides = new Map((await this.overrides.listActive(tenantId)).map((o) => [o.type, o]));
    const views: TenantIntegrationView[] = [];
    for (const definition of INTEGRATION_TYPES) {
      views.push(toView(definition, await this.global(definition), overrides.get(definition.name), plan));
    }
    return views;
  }
}

function toView(
  definition: IntegrationTypeDefinition,
  global: GlobalIntegrationSettings,
  overrides: TenantOverrides | undefined,
  plan: string,
): TenantIntegrationView {
  const allowed = planAllowsOverrides(plan);
  const effective = effectiveSettings(definition, platformSettings(definition, global.defaults), overrides?.config, allowed);
  return {
    type: definition.name,
    enabled: global.enabled,
    settings: effective.settings,
    usingGlobal: effective.overriddenFields.length === 0,
    overriddenFields: effective.overriddenFields,
    ignoredOverrides: effective.ignoredOverrides,
    overridableFields: Object.keys(definition.overridable),
    overridesAllowed: allowed,
    overridesUpdatedAt: overrides ? overrides.updatedAt : null,
  };
}
