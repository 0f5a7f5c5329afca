import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsInt, ValidateIf } from 'class-validator';
import type { PreferencesView } from '../../../application/notification-preferences.use-case';
import { EXTRA_CHANNELS, ExtraChannel, NotificationPreferences } from '../../../domain/notification-preferences';

/** May be left out, but not null (null is a value only where a field says so). */
const Omittable = () => ValidateIf((_, value) => value !== undefined);

/** PUT body: fields left out keep their current values. */
export class UpdateNotificationPreferencesBody {
  @ApiPropertyOptional({ description: 'Receive API key expiry reminders at all' })
  @Omittable()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({
    nullable: true,
    type: Number,
    minimum: 1,
    description:
      "Days before a key's expiry to be reminded: 1 to the tenant's max_days_before_expiry (else 400 DAYS_BEFORE_EXPIRY_EXCEEDS_POLICY); null: the tenant default",
  })
  @ValidateIf((_, value) => value !== undefined && value !== null)
  @IsInt()
  days_before_expiry?: number | null;

  @ApiPropertyOptional({ description: 'Follow the keys I create' })
  @Omittable()
  @IsBoolean()
  auto_follow?: boolean;

  @ApiPropertyOptional({ description: 'Tenant admins only (else 403 AUTO_FOLLOW_TENANT_KEYS_ADMINS_ONLY): follow every key created in the tenant' })
  @Omittable()
  @IsBoolean()
  auto_follow_tenant_keys?: boolean;

  @ApiPropertyOptional({ enum: EXTRA_CHANNELS, isArray: true, description: 'Channels besides the in-app inbox, which is always on' })
  @Omittable()
  @IsArray()
  @ArrayMaxSize(EXTRA_CHANNELS.length * 2)
  @IsIn(EXTRA_CHANNELS, { each: true })
  channels?: ExtraChannel[];

  static toChange(body: UpdateNotificationPreferencesBody): Partial<NotificationPreferences> {
    return {
      enabled: body.enabled,
      daysBeforeExpiry: body.days_before_expiry,
      autoFollow: body.auto_follow,
      autoFollowTenantKeys: body.auto_follow_tenant_keys,
      channels: body.channels,
    };
  }
}

export class TenantNotificationPolicyDto {
  @ApiProperty({ description: 'Whether the tenant sends reminders at all' }) enabled!: boolean;
  @ApiProperty() default_days_before_expiry!: number;
  @ApiProperty() max_days_before_expiry!: number;
}

export class NotificationPreferencesDto {
  @ApiProperty() enabled!: boolean;

  @ApiProperty({ nullable: true, type: Number, description: 'My own choice; null: the tenant default' })
  days_before_expiry!: number | null;

  @ApiProperty({ description: 'What reminders use: my choice capped at the tenant maximum, or the tenant default' })
  effective_days_before_expiry!: number;

  @ApiProperty({ description: 'Whether effective_days_before_expiry is the tenant default' })
  uses_tenant_default!: boolean;

  @ApiProperty({ description: 'Whether my choice is above the tenant maximum and is capped' })
  capped_by_policy!: boolean;

  @ApiProperty({ description: 'Whether reminders go out: my enabled and the tenant policy enabled' })
  reminders_active!: boolean;

  @ApiProperty() auto_follow!: boolean;
  @ApiProperty() auto_follow_tenant_keys!: boolean;
  @ApiProperty({ enum: EXTRA_CHANNELS, isArray: true }) channels!: ExtraChannel[];

  @ApiProperty({ description: 'false: never saved, every value is a default' })
  saved!: boolean;

  @ApiProperty({ type: TenantNotificationPolicyDto }) tenant_policy!: TenantNotificationPolicyDto;

  static from(view: PreferencesView): NotificationPreferencesDto {
    const { preferences: p, policy } = view;
    return {
      enabled: p.enabled,
      days_before_expiry: p.daysBeforeExpiry,
      effective_days_before_expiry: view.effectiveDaysBeforeExpiry,
      uses_tenant_default: p.daysBeforeExpiry === null,
      capped_by_policy: p.daysBeforeExpiry !== null && p.daysBeforeExpiry > policy.maxDaysBeforeExpiry,
      reminders_active: p.enabled && policy.enabled,
      auto_follow: p.autoFollow,
      auto_follow_tenant_keys: p.autoFollowTenantKeys,
      channels: p.channels,
      saved: view.saved,
      tenant_policy: {
        enabled: policy.enabled,
        default_days_before_expiry: policy.defaultDaysBeforeExpiry,
        max_days_before_expiry: policy.maxDaysBeforeExpiry,
      },
    };
  }
}
