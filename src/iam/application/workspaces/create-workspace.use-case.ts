import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform';
import type { Workspace } from '../../domain/iam';
import { WorkspaceNotFound } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { graph } from '../authorization-graph';
import { WorkspaceRepository } from '../ports/workspace.repository';
import { RelationshipChanges } from '../relationship-changes';
import { UnitOfWork } from '../unit-of-work';
import { WorkspaceAccess } from './workspace-access';

/** A new workspace under a parent the caller manages (the tenant's root by default). */
@Injectable()
export class CreateWorkspaceUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly workspaceAccess: WorkspaceAccess,
    private readonly workspaces: WorkspaceRepository,
    private readonly relationships: RelationshipChanges,
  ) {}

  async execute(principal: Principal, tenantId: string, command: { name: string; parentWorkspaceId?: string }): Promise<Workspace> {
    await this.access.requireTenantVisible(principal, tenantId);
    return this.uow.write(tenantId, async () => {
      const parentId = command.parentWorkspaceId ?? (await this.workspaces.findRoot(tenantId))?.id;
      if (!parentId) throw new WorkspaceNotFound();
      await this.workspaceAccess.manageable(principal, parentId);
      const workspace = await this.workspaces.insert({ tenantId, name: command.name, parentWorkspaceId: parentId });
      await this.relationships.queue({ touch: graph.workspace(workspace) });
      return workspace;
    });
  }
}
