import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform';
import type { Workspace, WorkspaceMember } from '../../domain/iam';
import { buildWorkspaceForest, WorkspaceNode } from '../../domain/workspace-tree';
import { AccessPolicy } from '../access-policy';
import { CursorPage, pageRequest, toCursorPage } from '../pagination';
import { WorkspaceRepository } from '../ports/workspace.repository';
import { UnitOfWork } from '../unit-of-work';
import { WorkspaceAccess } from './workspace-access';

/** The workspaces of a tenant the caller may view: a flat page, or the whole visible forest. */
@Injectable()
export class ListWorkspacesUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly workspaces: WorkspaceRepository,
  ) {}

  async flat(principal: Principal, tenantId: string, limit?: number, cursor?: string): Promise<CursorPage<Workspace>> {
    await this.access.requireTenantVisible(principal, tenantId);
    const page = pageRequest(limit, cursor);
    const ids = await this.access.visible(principal, 'workspace');
    return toCursorPage(await this.uow.read(tenantId, () => this.workspaces.list(tenantId, page, ids)));
  }

  async tree(principal: Principal, tenantId: string): Promise<WorkspaceNode[]> {
    await this.access.requireTenantVisible(principal, tenantId);
    const ids = await this.access.visible(principal, 'workspace');
    return buildWorkspaceForest(await this.uow.read(tenantId, () => this.workspaces.listAll(tenantId, ids)));
  }
}

/** One workspace, and its members. */
@Injectable()
export class GetWorkspaceUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly workspaceAccess: WorkspaceAccess,
    private readonly workspaces: WorkspaceRepository,
  ) {}

  async execute(principal: Principal, tenantId: string, workspaceId: string): Promise<Workspace> {
    await this.access.requireTenantVisible(principal, tenantId);
    return this.uow.read(tenantId, () => this.workspaceAccess.visible(principal, workspaceId));
  }

  async members(principal: Principal, tenantId: string, workspaceId: string): Promise<WorkspaceMember[]> {
    await this.access.requireTenantVisible(principal, tenantId);
    return this.uow.read(tenantId, async () => {
      await this.workspaceAccess.visible(principal, workspaceId);
      return this.workspaces.listMembers(workspaceId);
    });
  }
}
