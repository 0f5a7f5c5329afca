import { Injectable } from '@nestjs/common';
import { Principal } from '../../platform';
import { ceilingForManager, type ApiKey, type KeyPermission, type KeyScope } from '../domain/api-key';
import { KeyTeamNotFound } from '../domain/api-key-errors';
import type { ApiKeyType } from '../domain/api-key-secret';
import {
  assertWithinCeiling,
  defaultPermission,
  lowerOf,
  permissionsUpTo,
  restrictionsForType,
  teamForScope,
} from '../domain/key-restrictions';
import { ApiKeyAccess } from './api-key-access';
import { callingKeyOf } from './calling-key';
import { normaliseAddressRules } from './client-address-rules';
import { KeyScopes } from './key-scopes';

/** What a caller asks of a key's controls on creation or edit (omitted: defaults, or unchanged). */
export interface RequestedControls {
  permission?: KeyPermission;
  scope?: KeyScope;
  allowedOrigins?: string[];
  allowedIps?: string[];
}

/** The controls an edit changes; a team scope may also move a team-less key onto its team. */
export interface ControlsEdit extends RequestedControls {
  teamId?: string;
}

export interface PlannedControls {
  teamId: string | undefined;
  permission: KeyPermission;
  scope: KeyScope;
  allowedOrigins: string[];
  allowedIps: string[];
}

/**
 * Decides a key's permission, scope, origins and address rules. A key never gets more than its
 * creator has: system and tenant administrators may grant `admin`, members `write`; a key creating
 * keys grants at most its own level (and its owner's), and only inside its own scope.
 */
@Injectable()
export class KeyControlsPlanner {
  constructor(
    private readonly access: ApiKeyAccess,
    private readonly scopes: KeyScopes,
  ) {}

  async ceilingOf(principal: Principal, tenantId: string): Promise<KeyPermission> {
    const byRole = ceilingForManager(await this.access.managesTenant(principal, tenantId));
    const key = callingKeyOf(principal);
    return key ? lowerOf(byRole, key.permission) : byRole;
  }

  /** The levels the caller may grant to a key of each type. */
  async grantable(principal: Principal, tenantId: string): Promise<Record<ApiKeyType, KeyPermission[]>> {
    const ceiling = await this.ceilingOf(principal, tenantId);
    return { secret: permissionsUpTo(ceiling), public: permissionsUpTo(lowerOf(ceiling, 'write')) };
  }

  /** Before the transaction: everything decidable from the request and the caller's rights. */
  async forNewKey(principal: Principal, tenantId: string, type: ApiKeyType, teamId: string | undefined, requested: RequestedControls): Promise<PlannedControls> {
    const ceiling = await this.ceilingOf(principal, tenantId);
    return decideControls(type, teamId, ceiling, {
      permission: requested.permission ?? defaultPermission(type, ceiling),
      // A key creating keys passes its own scope on unless it names a narrower one.
      scope: requested.scope ?? callingKeyOf(principal)?.scope ?? { type: 'tenant' },
      allowedOrigins: requested.allowedOrigins,
      allowedIps: requested.allowedIps,
    });
  }

  /** Inside the tenant transaction: the scope's team or workspace exists, and the caller reaches the new key. */
  async assertPlaceable(principal: Principal, planned: PlannedControls): Promise<void> {
    await this.scopes.assertScopeExists(planned.scope);
    await this.scopes.assertReaches(principal, planned.scope);
    if (planned.teamId) await this.scopes.assertReaches(principal, { type: 'team', id: planned.teamId });
  }

  /**
   * Inside the tenant transaction: an edit of any control, merged with the key's other controls and
   * held to the rules of creation. A new level is judged against the caller and the key's owner
   * (at creation they are one); a new scope is placed as a new key's would be, so a calling key
   * never moves a key beyond its own scope. Returns only what changes.
   */
  async forEdit(principal: Principal, key: ApiKey, requested: RequestedControls): Promise<ControlsEdit> {
    const ceiling = requested.permission === undefined ? undefined : lowerOf(await this.ceilingOf(principal, key.tenantId), await this.ownerCeiling(key));
    const planned = decideControls(key.type, key.teamId ?? undefined, ceiling, {
      permission: requested.permission ?? key.permission,
      scope: requested.scope ?? key.scope,
      allowedOrigins: requested.allowedOrigins ?? key.allowedOrigins,
      allowedIps: requested.allowedIps ?? key.allowedIps,
    });
    const edit: ControlsEdit = {};
    if (requested.permission !== undefined) edit.permission = planned.permission;
    if (requested.allowedOrigins !== undefined) edit.allowedOrigins = planned.allowedOrigins;
    if (requested.allowedIps !== undefined) edit.allowedIps = planned.allowedIps;
    if (requested.scope !== undefined) {
      // A team scope makes the key that team's, as at creation: the caller must be able to use the team.
      const joins = planned.teamId !== undefined && planned.teamId !== key.teamId ? planned.teamId : undefined;
      if (joins && !(await this.access.mayUseTeam(principal, joins))) throw new KeyTeamNotFound();
      await this.assertPlaceable(principal, planned);
      edit.scope = planned.scope;
      if (joins) edit.teamId = joins;
    }
    return edit;
  }

  /** What the key's owner may grant now, by its role in the key's tenant. */
  private async ownerCeiling(key: ApiKey): Promise<KeyPermission> {
    return ceilingForManager(await this.access.userManagesTenant(key.userId, key.tenantId));
  }
}

/**
 * The rules a key's controls meet, at creation and on every edit: what its type allows, the
 * ceiling (`undefined` when the level is not being set), address rules in canonical form, and a
 * team scope owning its key.
 */
function decideControls(
  type: ApiKeyType,
  teamId: string | undefined,
  ceiling: KeyPermission | undefined,
  controls: { permission: KeyPermission; scope: KeyScope; allowedOrigins?: string[]; allowedIps?: string[] },
): PlannedControls {
  const { permission, scope } = controls;
  const allowedOrigins = restrictionsForType(type, permission, controls.allowedOrigins, controls.allowedIps);
  if (ceiling !== undefined) assertWithinCeiling(permission, ceiling);
  const allowedIps = type === 'secret' ? normaliseAddressRules(controls.allowedIps ?? []) : [];
  return { teamId: teamForScope(scope, teamId), permission, scope, allowedOrigins, allowedIps };
}
