import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { API_KEY_STATES, KEY_REASON_CODES, stateOf, type ApiKey, type ApiKeyState, type KeyReasonCode } from '../../../domain/api-key';
import type { VerifyAnswer } from '../../../application/verify-api-key.use-case';
import type { Principal } from '../../../../platform';
import { ResourcePermissionDto } from './api-key-input.dto';
import { controlsDto, IPS_DESCRIPTION, KeyScopeDto, ORIGINS_DESCRIPTION, permissionProperty, SCOPE_DESCRIPTION } from './key-restrictions.dto';
import type { KeyPermission, KeyScope } from '../../../domain/api-key';

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** A key's metadata: never the key, never its hash. */
export class ApiKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ format: 'uuid' }) owner_id!: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) team_id!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['secret', 'public'] }) type!: 'secret' | 'public';
  @ApiProperty({ description: 'The first characters of the key, for recognising it' }) key_prefix!: string;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty({ type: [ResourcePermissionDto] }) resource_permissions!: ResourcePermissionDto[];
  @ApiProperty({ enum: API_KEY_STATES, description: 'Derived in this order: revoked, expired, past its rotation grace (revoked), suspended' })
  state!: ApiKeyState;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expires_at!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) last_used_at!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'In the future while a rotated key is in its grace period' })
  revoked_at!: string | null;
  @ApiProperty({ nullable: true, type: String, deprecated: true, description: 'Same as revocation_reason_text' }) revocation_reason!: string | null;
  @ApiProperty({ enum: KEY_REASON_CODES, nullable: true, type: String }) revocation_reason_code!: KeyReasonCode | null;
  @ApiProperty({ nullable: true, type: String }) revocation_reason_text!: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) suspended_at!: string | null;
  @ApiProperty({ enum: KEY_REASON_CODES, nullable: true, type: String }) suspension_reason_code!: KeyReasonCode | null;
  @ApiProperty({ nullable: true, type: String }) suspension_reason_text!: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) rotated_from_id!: string | null;
  @ApiProperty(permissionProperty) permission!: KeyPermission;
  @ApiProperty({ type: KeyScopeDto, description: SCOPE_DESCRIPTION }) scope!: KeyScope;
  @ApiProperty({ type: [String], description: ORIGINS_DESCRIPTION }) allowed_origins!: string[];
  @ApiProperty({ type: [String], description: IPS_DESCRIPTION }) allowed_ips!: string[];
  @ApiProperty({ nullable: true, type: Number, description: 'Requests per minute; null: no per-key limit' }) rate_limit!: number | null;

  static from(key: ApiKey, now: Date): ApiKeyDto {
    return {
      id: key.id,
      tenant_id: key.tenantId,
      owner_id: key.userId,
      team_id: key.teamId,
      name: key.name,
      type: key.type,
      key_prefix: key.keyPrefix,
      scopes: key.scopes,
      resource_permissions: key.resourcePermissions,
      state: stateOf(key, now),
      expires_at: iso(key.expiresAt),
      last_used_at: iso(key.lastUsedAt),
      created_at: key.createdAt.toISOString(),
      updated_at: key.updatedAt.toISOString(),
      revoked_at: iso(key.revokedAt),
      revocation_reason: key.revocationReason,
      revocation_reason_code: key.revocationReasonCode,
      revocation_reason_text: key.revocationReason,
      suspended_at: iso(key.suspendedAt),
      suspension_reason_code: key.suspensionReasonCode,
      suspension_reason_text: key.suspensionReasonText,
      rotated_from_id: key.rotatedFromId,
      ...controlsDto(key),
      rate_limit: key.rateLimitPerMinute,
    };
  }
}

/** Creation and rotation: the only answers that carry the key itself. */
export class IssuedApiKeyDto extends ApiKeyDto {
  @ApiProperty({ description: 'The key. Shown this once; store it now.' }) key!: string;
  @ApiPropertyOptional({ format: 'date-time', description: 'Rotation: when the replaced key stops working' })
  previous_key_revoked_at?: string;
}

export class ApiKeyPageDto {
  @ApiProperty({ type: [ApiKeyDto] }) items!: ApiKeyDto[];
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}

export class VerifyResultDto {
  @ApiProperty() valid!: boolean;
  @ApiPropertyOptional({ enum: ['API_KEY_INVALID', 'API_KEY_EXPIRED', 'API_KEY_REVOKED', 'API_KEY_SUSPENDED', 'API_KEY_OWNER_DISABLED'] }) code?: string;
  @ApiPropertyOptional({ format: 'uuid' }) tenant_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) key_id?: string;
  @ApiPropertyOptional({ format: 'uuid' }) owner_id?: string;
  @ApiPropertyOptional({ enum: ['secret', 'public'] }) type?: string;
  @ApiPropertyOptional({ type: [String] }) scopes?: string[];
  @ApiPropertyOptional({ type: [ResourcePermissionDto] }) resource_permissions?: ResourcePermissionDto[];
  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String }) expires_at?: string | null;
  @ApiPropertyOptional({ ...permissionProperty, description: "For the gateway to enforce; the effective level, capped by the owner's current role: " + permissionProperty.description }) permission?: KeyPermission;
  @ApiPropertyOptional({ type: KeyScopeDto, description: SCOPE_DESCRIPTION }) scope?: KeyScope;
  @ApiPropertyOptional({ type: [String], description: ORIGINS_DESCRIPTION }) allowed_origins?: string[];
  @ApiPropertyOptional({ type: [String], description: IPS_DESCRIPTION }) allowed_ips?: string[];
  @ApiPropertyOptional({ nullable: true, type: Number, description: 'Requests per minute; null: no per-key limit' }) rate_limit?: number | null;

  static from(answer: VerifyAnswer): VerifyResultDto {
    const result: VerifyResultDto = { valid: answer.valid };
    if (answer.code) result.code = answer.code;
    const key = answer.key;
    if (!key) return result;
    return {
      ...result,
      tenant_id: key.tenantId,
      key_id: key.id,
      owner_id: key.userId,
      type: key.type,
      scopes: key.scopes,
      resource_permissions: key.resourcePermissions,
      expires_at: iso(key.expiresAt),
      ...controlsDto(key),
      rate_limit: key.rateLimitPerMinute,
    };
  }
}

/** The calling key, as its credential says (answered without touching the database). */
export class CallingKeyDto {
  @ApiProperty({ format: 'uuid' }) key_id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ format: 'uuid' }) owner_id!: string;
  @ApiProperty({ type: [String] }) scopes!: string[];
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) expires_at!: string | null;

  static from(principal: Principal): CallingKeyDto {
    return {
      key_id: principal.id,
      tenant_id: principal.tenantId,
      owner_id: principal.userId ?? principal.id,
      scopes: principal.scopes ?? [],
      expires_at: principal.expiresAt ? principal.expiresAt.toISOString() : null,
    };
  }
}
