import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { IntegrationTestResult } from '../../../application/provider/test-integration.use-case';
import type { ResolvedIntegration } from '../../../application/integration-views';

export class IntegrationTestResultDto {
  @ApiProperty({ example: 'openai' }) integration_type!: string;
  @ApiProperty({ description: 'Whether the provider answered as expected' }) ok!: boolean;
  @ApiPropertyOptional({ enum: ['PROVIDER_UNREACHABLE', 'PROVIDER_REJECTED_KEY', 'PROVIDER_ERROR', 'MODEL_UNAVAILABLE'] }) reason?: string;
  @ApiPropertyOptional({ description: "The provider's HTTP status" }) provider_status?: number;
  @ApiProperty() latency_ms!: number;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The effective settings checked' }) settings!: Record<string, unknown>;

  static from(result: IntegrationTestResult): IntegrationTestResultDto {
    return {
      integration_type: result.type,
      ok: result.ok,
      ...(result.reason ? { reason: result.reason } : {}),
      ...(result.providerStatus !== undefined ? { provider_status: result.providerStatus } : {}),
      latency_ms: result.latencyMs,
      settings: result.settings,
    };
  }
}

export class ResolvedSecretDto {
  @ApiProperty({ example: 'api_key' }) name!: string;
  @ApiProperty({ description: 'The decrypted provider secret' }) value!: string;
}

export class ResolvedIntegrationDto {
  @ApiProperty({ example: 'openai' }) integration_type!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings!: Record<string, unknown>;
  @ApiProperty({ type: ResolvedSecretDto }) secret!: ResolvedSecretDto;

  static from(resolved: ResolvedIntegration): ResolvedIntegrationDto {
    return { integration_type: resolved.type, settings: resolved.settings, secret: { ...resolved.secret } };
  }
}
