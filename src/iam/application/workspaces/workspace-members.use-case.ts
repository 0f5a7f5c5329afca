import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform';
import type { MemberRef, Role } from '../../domain/iam';
import { MemberNotFound, TeamNotFound, UserNotFound } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { graph } from '../authorization-graph';
import { TeamRepository } from '../ports/team.repository';
import { UserRepository } from '../ports/user.repository';
import { WorkspaceRepository } from '../ports/workspace.repository';
import { RelationshipChanges } from '../relationship-changes';
import { relationshipDiff } from '../relationship-diff';
import { UnitOfWork } from '../unit-of-work';
import { WorkspaceAccess } from './workspace-access';

/** Grants a user or a team a role on a workspace (or changes it), and takes it away. */
@Injectable()
export class WorkspaceMembersUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly workspaceAccess: WorkspaceAccess,
    private readonly workspaces: WorkspaceRepository,
    private readonly users: UserRepository,
    private readonly teams: TeamRepository,
    private readonly relationships: RelationshipChanges,
  ) {}

  async put(principal: Principal, tenantId: string, workspaceId: string, member: MemberRef, role: Role): Promise<void> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.uow.write(tenantId, async () => {
      await this.workspaceAccess.manageable(principal, workspaceId);
      await this.requireExists(member);
      const before = await this.workspaces.findMember(workspaceId, member);
      await this.workspaces.upsertMember(tenantId, workspaceId, member, role);
      await this.relationships.queue(
        relationshipDiff(before ? [graph.workspaceMember(before)] : [], [graph.workspaceMember({ workspaceId, member, role })]),
      );
    });
  }

  async remove(principal: Principal, tenantId: string, workspaceId: string, member: MemberRef): Promise<void> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.uow.write(tenantId, async () => {
      await this.workspaceAccess.manageable(principal, workspaceId);
      const existing = await this.workspaces.findMember(workspaceId, member);
      if (!existing) throw new MemberNotFound();
      await this.workspaces.removeMember(workspaceId, member);
      await this.relationships.queue({ delete: [graph.workspaceMember(existing)] });
    });
  }

  private async requireExists(member: MemberRef): Promise<void> {
    if (member.kind === 'user' && !(await this.users.findById(member.id))) throw new UserNotFound();
    if (member.kind === 'team' && !(await this.teams.findById(member.id))) throw new TeamNotFound();
  }
}
