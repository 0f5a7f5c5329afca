import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform';
import type { Workspace } from '../../domain/iam';
import { RootWorkspaceProtected, WorkspaceCycle } from '../../domain/iam-errors';
import { wouldCreateCycle } from '../../domain/workspace-tree';
import { AccessPolicy } from '../access-policy';
import { workspaceParent } from '../authorization-graph';
import { WorkspaceRepository } from '../ports/workspace.repository';
import { RelationshipChanges } from '../relationship-changes';
import { UnitOfWork } from '../unit-of-work';
import { WorkspaceAccess } from './workspace-access';

/** Renames a workspace and/or moves it under another parent the caller also manages. */
@Injectable()
export class UpdateWorkspaceUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly workspaceAccess: WorkspaceAccess,
    private readonly workspaces: WorkspaceRepository,
    private readonly relationships: RelationshipChanges,
  ) {}

  async execute(principal: Principal, tenantId: string, workspaceId: string, changes: { name?: string; parentWorkspaceId?: string }): Promise<Workspace> {
    await this.access.requireTenantVisible(principal, tenantId);
    return this.uow.write(tenantId, async () => {
      const workspace = await this.workspaceAccess.manageable(principal, workspaceId);
      const newParent = changes.parentWorkspaceId;
      if (newParent === undefined || newParent === workspace.parentWorkspaceId) {
        return this.workspaces.update(workspaceId, { name: changes.name });
      }
      if (workspace.isRoot) throw new RootWorkspaceProtected('moved');
      // Two concurrent moves could each pass the cycle check and together close a loop.
      await this.workspaces.lockTree(tenantId);
      await this.workspaceAccess.manageable(principal, newParent);
      if (wouldCreateCycle(workspaceId, await this.workspaces.ancestorsOf(newParent))) throw new WorkspaceCycle();
      const moved = await this.workspaces.update(workspaceId, { name: changes.name, parentWorkspaceId: newParent });
      await this.relationships.queue({
        touch: [workspaceParent(workspaceId, newParent)],
        delete: workspace.parentWorkspaceId ? [workspaceParent(workspaceId, workspace.parentWorkspaceId)] : [],
      });
      return moved;
    });
  }
}
