import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsBoolean, IsInt, Max, Min, ValidateIf } from 'class-validator';
import type { NotificationPolicy } from '../../../domain/key-policy';
import { largestOfLegacyDays, lowerDefaultToMax } from '../../../domain/notification-policy';

const LEGACY_LIST = 'A legacy list of numbers is accepted and stored as its largest (the earliest warning).';

/** When key owners hear about expiring keys. */
export class NotificationPolicyDto {
  @ApiProperty() @IsBoolean() enabled!: boolean;

  @ApiProperty({ minimum: 0, maximum: 365, description: `Days before expiry for users without their own choice. ${LEGACY_LIST}` })
  @Transform(({ value }) => largestOfLegacyDays(value))
  @IsInt()
  @Min(0)
  @Max(365)
  default_days_before_expiry!: number;

  @ApiProperty({ minimum: 0, maximum: 365, description: `The most days before expiry a user may choose; at least the default. ${LEGACY_LIST}` })
  @Transform(({ value }) => largestOfLegacyDays(value))
  @IsInt()
  @Min(0)
  @Max(365)
  max_days_before_expiry!: number;

  @ApiPropertyOptional({
    description:
      'Request only: when max_days_before_expiry is below default_days_before_expiry, lower the default to the maximum ' +
      'instead of answering 400 NOTIFICATION_POLICY_DEFAULT_EXCEEDS_MAX',
  })
  @ValidateIf((_, value) => value !== undefined)
  @IsBoolean()
  lower_default_to_max?: boolean;

  static toPolicy(dto: NotificationPolicyDto): NotificationPolicy {
    const policy = { enabled: dto.enabled, defaultDaysBeforeExpiry: dto.default_days_before_expiry, maxDaysBeforeExpiry: dto.max_days_before_expiry };
    return dto.lower_default_to_max ? lowerDefaultToMax(policy) : policy;
  }

  static from(policy: NotificationPolicy): NotificationPolicyDto {
    return {
      enabled: policy.enabled,
      default_days_before_expiry: policy.defaultDaysBeforeExpiry,
      max_days_before_expiry: policy.maxDaysBeforeExpiry,
    };
  }
}
