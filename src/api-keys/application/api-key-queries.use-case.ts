import { Injectable } from '@nestjs/common';
import { Clock, DEFAULT_PAGE_SIZE, Principal, TransactionRunner } from '../../platform';
import type { ApiKey, ApiKeyState } from '../domain/api-key';
import { ApiKeyOutOfScope } from '../domain/api-key-errors';
import { ApiKeyAccess } from './api-key-access';
import { KeyScopes } from './key-scopes';
import { decodeCursor, encodeCursor } from './key-pages';
import { ApiKeyFilter, ApiKeyRepository } from './ports/api-key.repository';

export interface ApiKeyListQuery {
  teamId?: string;
  ownerId?: string;
  state?: ApiKeyState;
  expiringWithinDays?: number;
  limit?: number;
  cursor?: string;
}

export interface ApiKeyPage {
  items: ApiKey[];
  nextCursor: string | null;
}

/** Lists and reads keys: a tenant's for its admins, otherwise the caller's own and its teams'; every tenant's for system administrators. */
@Injectable()
export class ApiKeyQueriesUseCase {
  constructor(
    private readonly access: ApiKeyAccess,
    private readonly tx: TransactionRunner,
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
    private readonly scopes: KeyScopes,
  ) {}

  async list(principal: Principal, tenantId: string, query: ApiKeyListQuery): Promise<ApiKeyPage> {
    await this.access.requireTenantVisible(principal, tenantId);
    const filter = this.filterOf(query, tenantId);
    // A scoped key lists only the keys its scope reaches; asking for another team's is out of scope.
    const scope = this.scopes.narrowScopeOf(principal);
    if (scope?.type === 'team' && query.teamId !== undefined && query.teamId !== scope.id) throw new ApiKeyOutOfScope(scope);
    if (scope) filter.withinScope = scope;
    if (!(await this.access.managesTenant(principal, tenantId))) {
      filter.visibleTo = { userId: this.access.userIdOf(principal), teamIds: await this.access.managedTeamIds(principal) };
    }
    return this.tx.inTenant(tenantId, () => this.page(filter, query));
  }

  async listAll(principal: Principal, query: ApiKeyListQuery & { tenantId?: string }): Promise<ApiKeyPage> {
    await this.access.requireSystemAdmin(principal);
    return this.tx.asSystem(() => this.page(this.filterOf(query, query.tenantId), query));
  }

  async get(principal: Principal, tenantId: string, keyId: string): Promise<ApiKey> {
    await this.access.requireTenantVisible(principal, tenantId);
    return this.tx.inTenant(tenantId, async () => this.access.requireVisible(principal, await this.keys.findById(keyId)));
  }

  private filterOf(query: ApiKeyListQuery, tenantId: string | undefined): ApiKeyFilter {
    return {
      tenantId,
      teamId: query.teamId,
      ownerId: query.ownerId,
      state: query.state,
      expiringWithinDays: query.expiringWithinDays,
      now: this.clock.now(),
    };
  }

  private async page(filter: ApiKeyFilter, query: ApiKeyListQuery): Promise<ApiKeyPage> {
    const limit = query.limit ?? DEFAULT_PAGE_SIZE;
    const page = await this.keys.list(filter, limit, query.cursor ? decodeCursor(query.cursor) : undefined);
    return { items: page.items, nextCursor: page.next ? encodeCursor(page.next) : null };
  }
}
