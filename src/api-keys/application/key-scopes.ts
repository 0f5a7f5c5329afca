import { Injectable } from '@nestjs/common';
import { Principal } from '../../platform';
import type { KeyScope } from '../domain/api-key';
import { ApiKeyOutOfScope, ScopeTargetNotFound } from '../domain/api-key-errors';
import { reaches, ScopeTarget } from '../domain/key-restrictions';
import { callingKeyOf } from './calling-key';
import { ApiKeyRepository } from './ports/api-key.repository';
import { WorkspaceTree } from './ports/workspace-tree';

/** Where a request acts, before the workspace tree is consulted. */
export type ScopeLocation = { type: 'tenant' } | { type: 'team'; id: string } | { type: 'workspace'; id: string };

/**
 * Keeps a scoped key inside its scope: the one check every route and use case asks. The
 * workspace tree is read only when a workspace-scoped key meets a workspace target; every other
 * case is decided without I/O. Callers run it inside a tenant transaction.
 */
@Injectable()
export class KeyScopes {
  constructor(
    private readonly tree: WorkspaceTree,
    private readonly keys: ApiKeyRepository,
  ) {}

  /** The calling key's scope; a person (or a tenant-wide key) is bounded by nothing here. */
  narrowScopeOf(principal: Principal): Exclude<KeyScope, { type: 'tenant' }> | undefined {
    const scope = callingKeyOf(principal)?.scope;
    return scope && scope.type !== 'tenant' ? scope : undefined;
  }

  async assertReaches(principal: Principal, location: ScopeLocation): Promise<void> {
    const scope = this.narrowScopeOf(principal);
    if (!scope) return;
    if (!reaches(scope, await this.targetOf(scope, location))) throw new ApiKeyOutOfScope(scope);
  }

  /** A key may be scoped only to a team or workspace of its tenant. */
  async assertScopeExists(scope: KeyScope): Promise<void> {
    if (scope.type === 'tenant') return;
    const found = scope.type === 'team' ? await this.keys.teamExists(scope.id) : (await this.tree.ancestorsOf(scope.id)).length > 0;
    if (!found) throw new ScopeTargetNotFound(scope.type, scope.id);
  }

  private async targetOf(scope: KeyScope, location: ScopeLocation): Promise<ScopeTarget> {
    // Only a workspace scope needs the tree, and only for a workspace target.
    if (location.type !== 'workspace' || scope.type !== 'workspace') return location.type === 'workspace' ? { ...location, ancestors: [] } : location;
    return { ...location, ancestors: await this.tree.ancestorsOf(location.id) };
  }
}
