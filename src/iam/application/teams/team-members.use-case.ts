import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform';
import type { Role } from '../../domain/iam';
import { MemberNotFound, UserNotFound } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { graph } from '../authorization-graph';
import { TeamRepository } from '../ports/team.repository';
import { UserRepository } from '../ports/user.repository';
import { RelationshipChanges } from '../relationship-changes';
import { relationshipDiff } from '../relationship-diff';
import { UnitOfWork } from '../unit-of-work';
import { TeamAccess } from './team-access';

/** Adds a user of the tenant to a team with a role (or changes the role), and removes it. */
@Injectable()
export class TeamMembersUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly teamAccess: TeamAccess,
    private readonly teams: TeamRepository,
    private readonly users: UserRepository,
    private readonly relationships: RelationshipChanges,
  ) {}

  async put(principal: Principal, tenantId: string, teamId: string, userId: string, role: Role): Promise<void> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.uow.write(tenantId, async () => {
      await this.teamAccess.manageable(principal, teamId);
      if (!(await this.users.findById(userId))) throw new UserNotFound();
      const before = await this.teams.findMember(teamId, userId);
      await this.teams.upsertMember(tenantId, teamId, userId, role);
      await this.relationships.queue(relationshipDiff(before ? [graph.teamMember(before)] : [], [graph.teamMember({ teamId, userId, role })]));
    });
  }

  async remove(principal: Principal, tenantId: string, teamId: string, userId: string): Promise<void> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.uow.write(tenantId, async () => {
      await this.teamAccess.manageable(principal, teamId);
      const existing = await this.teams.findMember(teamId, userId);
      if (!existing) throw new MemberNotFound();
      await this.teams.removeMember(teamId, userId);
      await this.relationships.queue({ delete: [graph.teamMember(existing)] });
    });
  }
}
