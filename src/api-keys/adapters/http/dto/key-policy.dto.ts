import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsBoolean, IsDefined, IsInt, IsString, Matches, Max, Min, ValidateIf, ValidateNested } from 'class-validator';
import type { KeyPolicy } from '../../../domain/key-policy';
import { SCOPE_PATTERN } from '../../../domain/scopes';

export class NotificationPolicyDto {
  @ApiProperty() @IsBoolean() enabled!: boolean;
  @ApiProperty({ minimum: 0, maximum: 365 }) @IsInt() @Min(0) @Max(365) default_days_before_expiry!: number;
  @ApiProperty({ minimum: 0, maximum: 365 }) @IsInt() @Min(0) @Max(365) max_days_before_expiry!: number;
}

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
  notification_policy!: NotificationPolicyDto;

  static toPolicy(dto: KeyPolicyDto): KeyPolicy {
    return {
      maxExpiryDays: dto.max_expiry_days,
      requireExpiry: dto.require_expiry,
      allowPublicKeys: dto.allow_public_keys,
      allowedScopes: [...new Set(dto.allowed_scopes)],
      notificationPolicy: {
        enabled: dto.notification_policy.enabled,
        defaultDaysBeforeExpiry: dto.notification_policy.default_days_before_expiry,
        maxDaysBeforeExpiry: dto.notification_policy.max_days_before_expiry,
      },
    };
  }

  static from(policy: KeyPolicy): KeyPolicyDto {
    return {
      max_expiry_days: policy.maxExpiryDays,
      require_expiry: policy.requireExpiry,
      allow_public_keys: policy.allowPublicKeys,
      allowed_scopes: policy.allowedScopes,
      notification_policy: {
        enabled: policy.notificationPolicy.enabled,
        default_days_before_expiry: policy.notificationPolicy.defaultDaysBeforeExpiry,
        max_days_before_expiry: policy.notificationPolicy.maxDaysBeforeExpiry,
      },
    };
  }
}
