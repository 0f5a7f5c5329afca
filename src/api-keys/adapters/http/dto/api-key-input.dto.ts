import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  IsUUID,
  Matches,
  Max,
  MaxLength,
  Min,
  MinLength,
  ValidateIf,
  ValidateNested,
} from 'class-validator';
import { SCOPE_PATTERN } from '../../../domain/scopes';
import { MAX_RATE_LIMIT_PER_MINUTE } from '../../../domain/rate-limit-policy';
import type { KeyPermission } from '../../../domain/api-key';
import { KEY_PERMISSIONS } from '../../../domain/key-restrictions';
import { IPS_DESCRIPTION, KeyScopeDto, ORIGINS_DESCRIPTION, permissionProperty, SCOPE_DESCRIPTION } from './key-restrictions.dto';
import { KEY_REASON_CODES, type KeyReasonCode } from '../../../domain/api-key';

const MAX_DAYS = 36_500;

/** A grant on one object of the authorization graph, e.g. `workspace:<id>` with `view`. */
export class ResourcePermissionDto {
  @ApiProperty({ example: 'workspace' })
  @IsString()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  type!: string;

  @ApiProperty({ example: '0b6f1c1e-7c1a-4a53-9a57-3f2b1d0c9e11' })
  @IsString()
  @MinLength(1)
  @MaxLength(128)
  id!: string;

  @ApiProperty({ type: [String], example: ['view'] })
  @IsArray()
  @ArrayMaxSize(32)
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9_]{0,63}$/, { each: true })
  permissions!: string[];
}

class KeyTermsBody {
  @ApiPropertyOptional({ type: [String], example: ['api_keys:verify'], description: '`resource:action`, or `*`' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  @Matches(SCOPE_PATTERN, { each: true, message: 'each scope must look like resource:action' })
  scopes?: string[];

  @ApiPropertyOptional({ type: [ResourcePermissionDto], description: 'Secret keys only' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(256)
  @ValidateNested({ each: true })
  @Type(() => ResourcePermissionDto)
  resource_permissions?: ResourcePermissionDto[];

  @ApiPropertyOptional({ type: Number, minimum: 1, maximum: MAX_DAYS, description: 'Instead of expires_at' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_DAYS)
  expires_in_days?: number;

  @ApiPropertyOptional(permissionProperty)
  @IsOptional()
  @IsIn(KEY_PERMISSIONS)
  permission?: KeyPermission;

  @ApiPropertyOptional({ type: KeyScopeDto, description: `${SCOPE_DESCRIPTION} On edit, held to the same rules; a team scope puts a key of no team on that team.` })
  @IsOptional()
  @ValidateNested()
  @Type(() => KeyScopeDto)
  scope?: KeyScopeDto;

  @ApiPropertyOptional({ type: [String], example: ['https://app.example.com'], description: ORIGINS_DESCRIPTION })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(64)
  @IsString({ each: true })
  @MaxLength(300, { each: true })
  allowed_origins?: string[];

  @ApiPropertyOptional({ type: [String], example: ['203.0.113.7', '10.0.0.0/8', '2001:db8::/32'], description: IPS_DESCRIPTION })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(256)
  @IsString({ each: true })
  @MaxLength(64, { each: true })
  allowed_ips?: string[];

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: MAX_RATE_LIMIT_PER_MINUTE,
    description: "Requests per minute (429 API_KEY_RATE_LIMITED beyond); at most the policy's max_rate_limit_per_minute. On creation, absent: that maximum; null: no limit",
  })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsInt()
  @Min(1)
  @Max(MAX_RATE_LIMIT_PER_MINUTE)
  rate_limit?: number | null;
}

export class CreateApiKeyBody extends KeyTermsBody {
  @ApiProperty({ minLength: 1, maxLength: 200 })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name!: string;

  @ApiProperty({ enum: ['secret', 'public'] })
  @IsIn(['secret', 'public'])
  type!: 'secret' | 'public';

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  team_id?: string;

  @ApiPropertyOptional({ format: 'date-time' })
  @IsOptional()
  @IsISO8601({ strict: true })
  expires_at?: string;
}

export class UpdateApiKeyBody extends KeyTermsBody {
  @ApiPropertyOptional({ minLength: 1, maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, description: 'null: never expires (if the policy allows)' })
  @ValidateIf((_, value) => value !== null && value !== undefined)
  @IsISO8601({ strict: true })
  expires_at?: string | null;
}

export class RotateApiKeyBody {
  @ApiPropertyOptional({ minimum: 0, maximum: 2_592_000, default: 0, description: 'How long the old key keeps working' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(2_592_000)
  grace_period_seconds?: number;
}

/** Why a key is suspended: a code from the fixed list and optional free text. */
export class SuspendApiKeyBody {
  @ApiProperty({ enum: KEY_REASON_CODES })
  @IsIn(KEY_REASON_CODES)
  reason_code!: KeyReasonCode;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason_text?: string;
}

export class RevokeApiKeyBody {
  @ApiPropertyOptional({ enum: KEY_REASON_CODES, default: 'other' })
  @IsOptional()
  @IsIn(KEY_REASON_CODES)
  reason_code?: KeyReasonCode;

  @ApiPropertyOptional({ maxLength: 500 })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason_text?: string;

  @ApiPropertyOptional({ maxLength: 500, deprecated: true, description: 'Older name of reason_text; give one of the two' })
  @IsOptional()
  @IsString()
  @MaxLength(500)
  reason?: string;
}

export class VerifyApiKeyBody {
  @ApiProperty({ description: 'The key to check' })
  @IsString()
  @MaxLength(256)
  key!: string;
}
