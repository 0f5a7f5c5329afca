import { Injectable } from '@nestjs/common';
import { Clock, Principal } from '../../../platform';
import { ProductNotFound, TeamNotFound } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { ProductRepository } from '../ports/product.repository';
import { TeamRepository } from '../ports/team.repository';
import { UnitOfWork } from '../unit-of-work';
import { TeamAccess } from './team-access';
import { TeamView } from './team-view';

/** System administrators attach catalogue products to teams and detach them. */
@Injectable()
export class TeamProductsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly teamAccess: TeamAccess,
    private readonly teams: TeamRepository,
    private readonly products: ProductRepository,
    private readonly clock: Clock,
  ) {}

  async attach(principal: Principal, tenantId: string, teamId: string, productId: string): Promise<TeamView> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.access.requireSystemAdmin(principal);
    return this.uow.write(tenantId, async () => {
      if (!(await this.teams.findById(teamId))) throw new TeamNotFound();
      if (!(await this.products.findById(productId))) throw new ProductNotFound();
      await this.teams.attachProduct(tenantId, teamId, productId);
      return this.teamAccess.view((await this.teams.findById(teamId))!);
    });
  }

  async detach(principal: Principal, tenantId: string, teamId: string, productId: string): Promise<void> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.access.requireSystemAdmin(principal);
    await this.uow.write(tenantId, async () => {
      if (!(await this.teams.findById(teamId))) throw new TeamNotFound();
      if (!(await this.teams.detachProduct(teamId, productId, this.clock.now()))) throw new ProductNotFound();
    });
  }
}
