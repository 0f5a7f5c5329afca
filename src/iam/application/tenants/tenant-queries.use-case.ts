import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform';
import type { Tenant } from '../../domain/iam';
import { TenantNotFound } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { tenantRef } from '../authorization-graph';
import { CursorPage, pageRequest, toCursorPage } from '../pagination';
import { TenantRepository } from '../ports/tenant.repository';
import { UnitOfWork } from '../unit-of-work';

/** Every tenant, for system administrators. */
@Injectable()
export class ListTenantsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly tenants: TenantRepository,
  ) {}

  async execute(principal: Principal, limit?: number, cursor?: string): Promise<CursorPage<Tenant>> {
    await this.access.requireSystemAdmin(principal);
    const page = pageRequest(limit, cursor);
    return toCursorPage(await this.uow.readAsSystem(() => this.tenants.list(page)));
  }
}

/** One tenant: its own users may view it; system administrators any. */
@Injectable()
export class GetTenantUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly tenants: TenantRepository,
  ) {}

  async execute(principal: Principal, tenantId: string): Promise<Tenant> {
    await this.access.requireTenantVisible(principal, tenantId);
    const tenant = await this.uow.read(tenantId, () => this.tenants.findById(tenantId));
    if (!tenant) throw new TenantNotFound();
    await this.access.require(principal, 'view', tenantRef(tenantId));
    return tenant;
  }
}
