import { ApiProperty } from '@nestjs/swagger';
import type { KeyCreationConstraints } from '../../../application/key-creation-constraints.use-case';
import type { KeyPermission, KeyScope } from '../../../domain/api-key';
import { KEY_PERMISSIONS, SCOPE_TYPES } from '../../../domain/key-restrictions';
import { KeyScopeDto } from './key-restrictions.dto';

export class PermissionsByTypeDto {
  @ApiProperty({ enum: KEY_PERMISSIONS, isArray: true }) secret!: KeyPermission[];
  @ApiProperty({ enum: KEY_PERMISSIONS, isArray: true, description: 'Never admin' }) public!: KeyPermission[];
}

export class DefaultPermissionsDto {
  @ApiProperty({ enum: KEY_PERMISSIONS }) secret!: KeyPermission;
  @ApiProperty({ enum: KEY_PERMISSIONS }) public!: KeyPermission;
}

/** What a key creation by this caller in this tenant may ask for. */
export class KeyCreationConstraintsDto {
  @ApiProperty({ enum: ['secret', 'public'], isArray: true, description: 'Public keys only if the policy allows them' })
  key_types!: Array<'secret' | 'public'>;
  @ApiProperty({ type: Number, nullable: true, description: 'Longest validity in days; null: no maximum' }) max_expiry_days!: number | null;
  @ApiProperty({ description: 'Whether an expiry must be given (the policy requires one, or has a maximum)' }) require_expiry!: boolean;
  @ApiProperty({ type: [String], description: 'Scopes a key may carry; `*` allows any' }) allowed_scopes!: string[];
  @ApiProperty({ type: PermissionsByTypeDto, description: 'Permission levels this caller may grant, per key type' })
  permissions!: PermissionsByTypeDto;
  @ApiProperty({ type: DefaultPermissionsDto, description: 'The level a key gets when none is asked for' })
  default_permissions!: DefaultPermissionsDto;
  @ApiProperty({ enum: SCOPE_TYPES, isArray: true, description: 'Kinds of scope this caller may give' }) scope_types!: Array<KeyScope['type']>;
  @ApiProperty({ type: KeyScopeDto, nullable: true, description: 'For a scoped calling key: new keys must lie inside this scope' })
  scope_within!: KeyScope | null;
  @ApiProperty({ type: Number, nullable: true, description: "The policy's highest per-key rate limit (requests per minute); null: none" })
  max_rate_limit_per_minute!: number | null;

  static from(c: KeyCreationConstraints): KeyCreationConstraintsDto {
    return {
      key_types: c.keyTypes,
      max_expiry_days: c.maxExpiryDays,
      require_expiry: c.requireExpiry,
      allowed_scopes: c.allowedScopes,
      permissions: c.permissions,
      default_permissions: c.defaultPermissions,
      scope_types: c.scopeTypes,
      scope_within: c.scopeWithin,
      max_rate_limit_per_minute: c.maxRateLimitPerMinute,
    };
  }
}
