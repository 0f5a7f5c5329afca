import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform';
import type { TeamMember } from '../../domain/iam';
import { AccessPolicy } from '../access-policy';
import { CursorPage, pageRequest, toCursorPage } from '../pagination';
import { TeamRepository } from '../ports/team.repository';
import { UnitOfWork } from '../unit-of-work';
import { TeamAccess } from './team-access';
import { TeamView } from './team-view';

/** Teams the caller may view, one team, and its members. */
@Injectable()
export class TeamQueriesUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly teamAccess: TeamAccess,
    private readonly teams: TeamRepository,
  ) {}

  async list(principal: Principal, tenantId: string, limit?: number, cursor?: string): Promise<CursorPage<TeamView>> {
    await this.access.requireTenantVisible(principal, tenantId);
    const page = pageRequest(limit, cursor);
    const ids = await this.access.visible(principal, 'team');
    const found = await this.uow.read(tenantId, () => this.teams.list(tenantId, page, ids));
    return toCursorPage(found, (team) => this.teamAccess.view(team));
  }

  async get(principal: Principal, tenantId: string, teamId: string): Promise<TeamView> {
    await this.access.requireTenantVisible(principal, tenantId);
    return this.teamAccess.view(await this.uow.read(tenantId, () => this.teamAccess.visible(principal, teamId)));
  }

  async members(principal: Principal, tenantId: string, teamId: string): Promise<TeamMember[]> {
    await this.access.requireTenantVisible(principal, tenantId);
    return this.uow.read(tenantId, async () => {
      await this.teamAccess.visible(principal, teamId);
      return this.teams.listMembers(teamId);
    });
  }
}
