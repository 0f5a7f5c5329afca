import { ApiProperty } from '@nestjs/swagger';
import type { PlatformIntegrationView, SecretStatus } from '../../../application/integration-views';

export class SecretStatusDto {
  @ApiProperty() set!: boolean;
  @ApiProperty({ type: String, nullable: true, example: 'sha256:0123456789abcdef', description: 'First 16 hex digits of the SHA-256 of the secret' })
  fingerprint!: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updated_at!: string | null;

  static from(status: SecretStatus): SecretStatusDto {
    return { set: status.set, fingerprint: status.fingerprint, updated_at: status.updatedAt?.toISOString() ?? null };
  }
}

export class PlatformIntegrationDto {
  @ApiProperty({ example: 'openai' }) integration_type!: string;
  @ApiProperty() enabled!: boolean;
  @ApiProperty({ type: 'object', additionalProperties: true }) defaults!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: { $ref: '#/components/schemas/SecretStatusDto' }, description: 'Write-only secrets: status only' })
  secrets!: Record<string, SecretStatusDto>;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty({ type: String, nullable: true, example: 'user:7a3c...' }) updated_by!: string | null;

  static from(view: PlatformIntegrationView): PlatformIntegrationDto {
    return {
      integration_type: view.type,
      enabled: view.enabled,
      defaults: view.defaults,
      secrets: Object.fromEntries(Object.entries(view.secrets).map(([name, status]) => [name, SecretStatusDto.from(status)])),
      updated_at: view.updatedAt.toISOString(),
      updated_by: view.updatedBy,
    };
  }
}

export class PlatformIntegrationListDto {
  @ApiProperty({ type: [PlatformIntegrationDto] }) items!: PlatformIntegrationDto[];
}

export const PLATFORM_BODY_SCHEMA = {
  type: 'object' as const,
  additionalProperties: false,
  properties: {
    enabled: { type: 'boolean' },
    defaults: { type: 'object', additionalProperties: true, description: 'Merged field by field; null restores the built-in default' },
    secrets: {
      type: 'object',
      additionalProperties: { type: 'string', nullable: true },
      description: 'Write-only; a secret left out stays as it was, null removes it',
    },
  },
  example: { enabled: true, defaults: { temperature: 0.5 }, secrets: { api_key: 'sk-...' } },
};
