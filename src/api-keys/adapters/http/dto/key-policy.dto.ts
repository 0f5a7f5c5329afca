import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsObject } from 'class-validator';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsInt, IsOptional, IsString, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { KeyPolicy } from '../../../domain/key-policy';
import { SCOPE_PATTERN } from '../../../domain/scopes';
import { MAX_RATE_LIMIT_PER_MINUTE } from '../../../domain/rate-limit-policy';
import { NotificationPolicyDto } from './notification-policy.dto';

/** A tenant's key policy, as PUT replaces it whole and GET returns it. */
export class KeyPolicyDto {
  @ApiProperty({ nullable: true, type: Number, minimum: 1, maximum: 36500, description: 'null: no maximum' })
  @IsDefined()
  @ValidateIf((_, value) => value !== null)
  @IsInt()
  @Min(1)
  @Max(36_500)
  max_expiry_days!: number | null;

  @ApiProperty() @IsBoolean() require_expiry!: boolean;
  @ApiProperty() @IsBoolean() allow_public_keys!: boolean;

  @ApiProperty({ type: [String], example: ['*'], description: '`*` allows every scope' })
  @IsArray()
  @ArrayMaxSize(256)
  @IsString({ each: true })
  @Matches(SCOPE_PATTERN, { each: true, message: 'each scope must look like resource:action, or be *' })
  allowed_scopes!: string[];

  @ApiProperty({ type: NotificationPolicyDto })
  @ValidateNested()
  @Type(() => NotificationPolicyDto)
  @IsDefined()
  @IsObject()
  notification_policy!: NotificationPolicyDto;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: 36500,
    description: 'Maintenance expires keys unused (since last use, or creation) for this many days; null or absent: never',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(36_500)
  auto_expire_unused_days?: number | null;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    maximum: MAX_RATE_LIMIT_PER_MINUTE,
    description: 'The highest rate_limit (requests per minute) a key may have; keys created without one get it; null or absent: no maximum',
  })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_RATE_LIMIT_PER_MINUTE)
  max_rate_limit_per_minute?: number | null;

  static toPolicy(dto: KeyPolicyDto): KeyPolicy {
    return {
      maxExpiryDays: dto.max_expiry_days,
      requireExpiry: dto.require_expiry,
      allowPublicKeys: dto.allow_public_keys,
      allowedScopes: [...new Set(dto.allowed_scopes)],
      notificationPolicy: NotificationPolicyDto.toPolicy(dto.notification_policy),
      autoExpireUnusedDays: dto.auto_expire_unused_days ?? null,
      maxRateLimitPerMinute: dto.max_rate_limit_per_minute ?? null,
    };
  }

  static from(policy: KeyPolicy): KeyPolicyDto {
    return {
      max_expiry_days: policy.maxExpiryDays,
      require_expiry: policy.requireExpiry,
      allow_public_keys: policy.allowPublicKeys,
      allowed_scopes: policy.allowedScopes,
      notification_policy: NotificationPolicyDto.from(policy.notificationPolicy),
      auto_expire_unused_days: policy.autoExpireUnusedDays,
      max_rate_limit_per_minute: policy.maxRateLimitPerMinute,
    };
  }
}
