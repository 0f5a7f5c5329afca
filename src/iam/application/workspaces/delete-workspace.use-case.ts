import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform';
import { RootWorkspaceProtected, WorkspaceHasChildren } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { everythingOn, workspaceRef } from '../authorization-graph';
import { WorkspaceRepository } from '../ports/workspace.repository';
import { RelationshipChanges } from '../relationship-changes';
import { UnitOfWork } from '../unit-of-work';
import { WorkspaceAccess } from './workspace-access';

/** Deletes a leaf workspace (never the root) with its memberships. */
@Injectable()
export class DeleteWorkspaceUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly workspaceAccess: WorkspaceAccess,
    private readonly workspaces: WorkspaceRepository,
    private readonly relationships: RelationshipChanges,
  ) {}

  async execute(principal: Principal, tenantId: string, workspaceId: string): Promise<void> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.uow.write(tenantId, async () => {
      const workspace = await this.workspaceAccess.manageable(principal, workspaceId);
      if (workspace.isRoot) throw new RootWorkspaceProtected('deleted');
      // The RESTRICT foreign key is the last word: a child created concurrently still blocks.
      if ((await this.workspaces.hasChildren(workspaceId)) || !(await this.workspaces.delete(workspaceId))) {
        throw new WorkspaceHasChildren();
      }
      await this.relationships.queue({ deleteFilters: [everythingOn(workspaceRef(workspaceId))] });
    });
  }
}
