import { Injectable } from '@nestjs/common';
import { Clock, Principal, TransactionRunner } from '../../platform';
import { ApiKeyAccess } from './api-key-access';
import { ExpiringKeys, ExpiringKeysFilter, ExpiringKeysSummary } from './ports/expiring-keys';

export interface ExpiringSoonQuery {
  days: number;
  /** `subscribed`: only keys the caller follows. */
  mode: 'all' | 'subscribed';
  limit: number;
}

/** What needs attention: keys expiring within `days` (and those that expired in the last `days`), by severity. */
@Injectable()
export class ExpiringSoonUseCase {
  constructor(
    private readonly access: ApiKeyAccess,
    private readonly tx: TransactionRunner,
    private readonly keys: ExpiringKeys,
    private readonly clock: Clock,
  ) {}

  /** Keys of one tenant the caller may see: all of them for its admins, otherwise own and managed teams' keys. */
  async forTenant(principal: Principal, tenantId: string, query: ExpiringSoonQuery): Promise<ExpiringKeysSummary> {
    await this.access.requireTenantVisible(principal, tenantId);
    const filter: ExpiringKeysFilter = { tenantId, now: this.clock.now(), days: query.days };
    if (query.mode === 'subscribed') filter.subscribedBy = this.access.userIdOf(principal);
    if (!(await this.access.managesTenant(principal, tenantId))) {
      filter.visibleTo = { userId: this.access.userIdOf(principal), teamIds: await this.access.managedTeamIds(principal) };
    }
    return this.tx.inTenant(tenantId, () => this.keys.summarize(filter, query.limit));
  }

  /** Every tenant's keys (or one tenant's), for system administrators. */
  async acrossTenants(principal: Principal, query: ExpiringSoonQuery & { tenantId?: string }): Promise<ExpiringKeysSummary> {
    await this.access.requireSystemAdmin(principal);
    const filter: ExpiringKeysFilter = { tenantId: query.tenantId, now: this.clock.now(), days: query.days };
    if (query.mode === 'subscribed') filter.subscribedBy = this.access.userIdOf(principal);
    return this.tx.asSystem(() => this.keys.summarize(filter, query.limit));
  }
}
