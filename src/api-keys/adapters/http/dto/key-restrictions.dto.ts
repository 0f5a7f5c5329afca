import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsUUID, ValidateIf } from 'class-validator';
import type { KeyControls, KeyPermission, KeyScope } from '../../../domain/api-key';
import { KEY_PERMISSIONS, SCOPE_TYPES } from '../../../domain/key-restrictions';

export const PERMISSION_DESCRIPTION =
  'What the key may call: `read` (GET, HEAD, OPTIONS), `write` (also POST, PUT, PATCH), `admin` (also DELETE); ' +
  'otherwise 403 API_KEY_PERMISSION_TOO_LOW. At most what the creator has: system and tenant administrators grant up to ' +
  '`admin`, members up to `write`, a key up to its own level (403 API_KEY_PERMISSION_EXCEEDS_CREATOR). ' +
  'Default: `write` for secret keys, `read` for public keys (never `admin`).';

export const SCOPE_DESCRIPTION =
  'Where the key may act. `tenant`: its whole tenant. `team`: only that team (the key belongs to it; team_id defaults to it). ' +
  '`workspace`: only that workspace and the workspaces below it. A request names its target through its route parameters ' +
  '(`team_id`, else `workspace_id`, else `tenant_id`); on the API key routes the target is the key acted on (its team, ' +
  'or else its own scope), and listing returns only keys the scope reaches. A target outside the scope, or a tenant-wide ' +
  'operation for a team- or workspace-scoped key, is 403 API_KEY_OUT_OF_SCOPE. Keys created by a key stay inside its ' +
  'scope. Default: the creating key\'s scope, or `tenant` for people.';

export const ORIGINS_DESCRIPTION =
  'Public keys only, at least one: the browser origins (`scheme://host[:port]`, no path) that may use the key, matched ' +
  'against the Origin header (403 API_KEY_ORIGIN_NOT_ALLOWED). Stored normalised (lower case, default port dropped).';

export const IPS_DESCRIPTION =
  'Secret keys only: client addresses or CIDR ranges, IPv4 or IPv6 (403 API_KEY_IP_NOT_ALLOWED from elsewhere). ' +
  'Empty: any address. X-Forwarded-For counts only from GATEHOUSE_TRUSTED_PROXIES.';

/** `{type: 'tenant'}`, `{type: 'workspace', id}` or `{type: 'team', id}`. */
export class KeyScopeDto {
  @ApiProperty({ enum: SCOPE_TYPES })
  @IsIn(SCOPE_TYPES)
  type!: KeyScope['type'];

  @ApiPropertyOptional({ format: 'uuid', description: 'The workspace or team; absent for `tenant`' })
  @ValidateIf((scope: KeyScopeDto) => scope.type !== 'tenant')
  @IsUUID()
  id?: string;

  static toScope(dto: KeyScopeDto): KeyScope {
    if (dto.type === 'tenant') return { type: 'tenant' };
    return { type: dto.type, id: dto.id as string };
  }
}

export const permissionProperty = { enum: KEY_PERMISSIONS, description: PERMISSION_DESCRIPTION } as const;

/** The four controls as every key answer shows them. */
export function controlsDto(key: KeyControls): { permission: KeyPermission; scope: KeyScope; allowed_origins: string[]; allowed_ips: string[] } {
  return { permission: key.permission, scope: key.scope, allowed_origins: key.allowedOrigins, allowed_ips: key.allowedIps };
}
