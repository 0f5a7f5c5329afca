import { Injectable } from '@nestjs/common';
import { Clock, Principal } from '../../../platform';
import { TeamNameTaken } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { everythingOn, graph, teamRef, tenantRef } from '../authorization-graph';
import { TeamRepository } from '../ports/team.repository';
import { WorkspaceRepository } from '../ports/workspace.repository';
import { RelationshipChanges } from '../relationship-changes';
import { UnitOfWork } from '../unit-of-work';
import { TeamAccess } from './team-access';
import { TeamView } from './team-view';

/** Creating (tenant admins), renaming and deleting (team managers) teams. */
@Injectable()
export class TeamCommandsUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly teamAccess: TeamAccess,
    private readonly teams: TeamRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly relationships: RelationshipChanges,
    private readonly clock: Clock,
  ) {}

  async create(principal: Principal, tenantId: string, name: string): Promise<TeamView> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.access.require(principal, 'manage', tenantRef(tenantId));
    return this.uow.write(tenantId, async () => {
      const team = await this.teams.insert({ tenantId, name, createdAt: this.clock.now() });
      if (!team) throw new TeamNameTaken();
      await this.relationships.queue({ touch: graph.team(team) });
      return this.teamAccess.view(team);
    });
  }

  async rename(principal: Principal, tenantId: string, teamId: string, name: string): Promise<TeamView> {
    await this.access.requireTenantVisible(principal, tenantId);
    return this.uow.write(tenantId, async () => {
      await this.teamAccess.manageable(principal, teamId);
      if (!(await this.teams.rename(teamId, name))) throw new TeamNameTaken();
      return this.teamAccess.view((await this.teams.findById(teamId))!);
    });
  }

  /** The team's workspace grants (team#member subjects) go with it. */
  async delete(principal: Principal, tenantId: string, teamId: string): Promise<void> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.uow.write(tenantId, async () => {
      await this.teamAccess.manageable(principal, teamId);
      const grants = await this.workspaces.listMembershipsOfTeam(teamId);
      await this.teams.delete(teamId);
      await this.relationships.queue({ delete: grants.map(graph.workspaceMember), deleteFilters: [everythingOn(teamRef(teamId))] });
    });
  }
}
