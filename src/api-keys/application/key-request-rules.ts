import { Injectable } from '@nestjs/common';
import { Principal, TransactionRunner } from '../../platform';
import type { KeyPermission } from '../domain/api-key';
import { ApiKeyOutOfScope, IpNotAllowed, OriginNotAllowed, PermissionTooLow } from '../domain/api-key-errors';
import { permissionForMethod, permits } from '../domain/key-restrictions';
import { callingKeyOf } from './calling-key';
import { AddressMatchers } from './client-address-rules';
import { KeyScopes } from './key-scopes';
import type { VerifiedKey } from './verified-key';

/** Route parameters, which name a request's target. */
export type RouteParams = Record<string, string | undefined>;

/**
 * What every request made with a key must satisfy, beyond the key being valid and holding the
 * route's scope: where it comes from (origin or address), what its method needs, and where it acts.
 */
@Injectable()
export class KeyRequestRules {
  private readonly matchers = new AddressMatchers();

  constructor(
    private readonly scopes: KeyScopes,
    private readonly tx: TransactionRunner,
  ) {}

  /**
   * Public keys only from a listed browser origin; secret keys with address rules only from a
   * listed address; then the method's permission (or the level the route declares).
   */
  assertUsable(key: VerifiedKey, method: string, origin: string | undefined, clientAddress: string, declared: KeyPermission | undefined): void {
    if (key.type === 'public') {
      if (origin === undefined || !key.allowedOrigins.includes(origin)) throw new OriginNotAllowed();
    } else if (key.allowedIps.length > 0 && !this.matchers.for(key).allows(clientAddress)) {
      throw new IpNotAllowed();
    }
    const needed = declared ?? permissionForMethod(method);
    if (!permits(key.permission, needed)) throw new PermissionTooLow(key.permission, needed);
  }

  /**
   * A route names its target through its parameters: `team_id`, else `workspace_id`, else
   * `tenant_id`. A tenant-wide target is outside a team or workspace scope unless the operation
   * narrows itself to the key's scope (`operationNarrows`); a route naming none acts on the key itself.
   * Resolves at once, without I/O, for tenant-wide keys.
   */
  async assertRouteInScope(principal: Principal, params: RouteParams, operationNarrows: boolean): Promise<void> {
    const scope = this.scopes.narrowScopeOf(principal);
    if (!scope) return;
    const teamId = params.team_id;
    const workspaceId = params.workspace_id;
    if (teamId === undefined && workspaceId === undefined) {
      if (params.tenant_id !== undefined && !operationNarrows) throw new ApiKeyOutOfScope(scope);
      return;
    }
    await this.tx.inTenant(principal.tenantId, async () => {
      if (teamId !== undefined) await this.scopes.assertReaches(principal, { type: 'team', id: teamId });
      if (workspaceId !== undefined) await this.scopes.assertReaches(principal, { type: 'workspace', id: workspaceId });
    });
  }

  /** The calling key, when the principal is one. */
  keyOf(principal: Principal | undefined): VerifiedKey | undefined {
    return callingKeyOf(principal);
  }
}
