import { ApiProperty } from '@nestjs/swagger';
import type { TenantIntegrationView } from '../../../application/integration-views';

export class TenantIntegrationDto {
  @ApiProperty({ example: 'openai' }) integration_type!: string;
  @ApiProperty({ description: 'Whether the platform has the integration switched on' }) enabled!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'Each field from the tenant override if any, else the platform default' })
  settings!: Record<string, unknown>;
  @ApiProperty({ description: 'True when no override of the tenant is in force' }) using_global!: boolean;
  @ApiProperty({ type: [String] }) overridden_fields!: string[];
  @ApiProperty({ type: [String], description: 'Stored overrides not in force (plan without overrides, or no longer allowed by the platform)' })
  ignored_overrides!: string[];
  @ApiProperty({ type: [String] }) overridable_fields!: string[];
  @ApiProperty({ description: "Whether the tenant's plan allows overrides" }) overrides_allowed!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) overrides_updated_at!: string | null;

  static from(view: TenantIntegrationView): TenantIntegrationDto {
    return {
      integration_type: view.type,
      enabled: view.enabled,
      settings: view.settings,
      using_global: view.usingGlobal,
      overridden_fields: view.overriddenFields,
      ignored_overrides: view.ignoredOverrides,
      overridable_fields: view.overridableFields,
      overrides_allowed: view.overridesAllowed,
      overrides_updated_at: view.overridesUpdatedAt?.toISOString() ?? null,
    };
  }
}

export class TenantIntegrationListDto {
  @ApiProperty({ type: [TenantIntegrationDto] }) items!: TenantIntegrationDto[];
}

/** The override body's shape for the docs; the use case validates it against the type's definition. */
export const OVERRIDES_BODY_SCHEMA = {
  type: 'object' as const,
  additionalProperties: true,
  description:
    'Overrides of allowed fields only (see overridable_fields); null clears a field. Secret-like fields are refused with INTEGRATION_SECRET_FORBIDDEN.',
  example: { model: 'gpt-4o', temperature: 0.3, max_tokens: null },
};
