import { Injectable } from '@nestjs/common';
import { Principal } from '../../platform';
import { ceilingForManager, type ApiKey, type KeyPermission, type KeyScope } from '../domain/api-key';
import { KeyOriginsPublicOnly, PublicKeyAdminNotAllowed, PublicKeyIpRulesNotAllowed, KeyOriginsRequired } from '../domain/api-key-errors';
import type { ApiKeyType } from '../domain/api-key-secret';
import {
  assertWithinCeiling,
  defaultPermission,
  lowerOf,
  normaliseOrigins,
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
    const permission = requested.permission ?? defaultPermission(type, ceiling);
    const allowedOrigins = restrictionsForType(type, permission, requested.allowedOrigins, requested.allowedIps);
    assertWithinCeiling(permission, ceiling);
    const allowedIps = type === 'secret' ? normaliseAddressRules(requested.allowedIps ?? []) : [];
    // A key creating keys passes its own scope on unless it names a narrower one.
    const scope = requested.scope ?? callingKeyOf(principal)?.scope ?? { type: 'tenant' };
    return { teamId: teamForScope(scope, teamId), permission, scope, allowedOrigins, allowedIps };
  }

  /** Inside the tenant transaction: the scope's team or workspace exists, and the caller reaches the new key. */
  async assertPlaceable(principal: Principal, planned: PlannedControls): Promise<void> {
    await this.scopes.assertScopeExists(planned.scope);
    await this.scopes.assertReaches(principal, planned.scope);
    if (planned.teamId) await this.scopes.assertReaches(principal, { type: 'team', id: planned.teamId });
  }

  /** An edit of permission, origins or address rules, held to the same rules as creation. */
  async forEdit(principal: Principal, key: ApiKey, requested: RequestedControls): Promise<Omit<RequestedControls, 'scope'>> {
    const edit: Omit<RequestedControls, 'scope'> = {};
    if (requested.permission !== undefined) {
      if (key.type === 'public' && requested.permission === 'admin') throw new PublicKeyAdminNotAllowed();
      assertWithinCeiling(requested.permission, await this.ceilingOf(principal, key.tenantId));
      edit.permission = requested.permission;
    }
    if (requested.allowedOrigins !== undefined) {
      if (key.type === 'secret') throw new KeyOriginsPublicOnly();
      if (requested.allowedOrigins.length === 0) throw new KeyOriginsRequired();
      edit.allowedOrigins = normaliseOrigins(requested.allowedOrigins);
    }
    if (requested.allowedIps !== undefined) {
      if (key.type === 'public') throw new PublicKeyIpRulesNotAllowed();
      edit.allowedIps = normaliseAddressRules(requested.allowedIps);
    }
    return edit;
  }
}
