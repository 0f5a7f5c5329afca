import { Injectable } from '@nestjs/common';
import { AppConfig, Principal } from '../../../platform';
import type { Plan, Tenant } from '../../domain/iam';
import { DefaultTenantProtected, TenantNameTaken, TenantNotFound } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { TenantRepository } from '../ports/tenant.repository';
import { UnitOfWork } from '../unit-of-work';

/** Renames a tenant or changes its plan (system administrators). */
@Injectable()
export class UpdateTenantUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly tenants: TenantRepository,
    private readonly config: AppConfig,
  ) {}

  async execute(principal: Principal, tenantId: string, changes: { name?: string; plan?: Plan }): Promise<Tenant> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.access.requireSystemAdmin(principal);
    return this.uow.write(tenantId, async () => {
      const tenant = await this.tenants.findById(tenantId);
      if (!tenant) throw new TenantNotFound();
      // The bootstrap finds the default tenant by name: renaming it would make a second one.
      if (changes.name !== undefined && changes.name !== tenant.name && tenant.name === this.config.iam.defaultTenantName) {
        throw new DefaultTenantProtected();
      }
      if (!(await this.tenants.update(tenantId, changes))) throw new TenantNameTaken(changes.name ?? '');
      return (await this.tenants.findById(tenantId))!;
    });
  }
}
