import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform';
import type { Workspace } from '../../domain/iam';
import { WorkspaceNotFound } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { workspaceRef } from '../authorization-graph';
import { WorkspaceRepository } from '../ports/workspace.repository';

/** Loads a workspace the caller may see (404 otherwise) and, when asked, may manage (403 otherwise). */
@Injectable()
export class WorkspaceAccess {
  constructor(
    private readonly access: AccessPolicy,
    private readonly workspaces: WorkspaceRepository,
  ) {}

  async visible(principal: Principal, workspaceId: string): Promise<Workspace> {
    const workspace = await this.workspaces.findById(workspaceId);
    if (!workspace || !(await this.access.can(principal, 'view', workspaceRef(workspaceId)))) throw new WorkspaceNotFound();
    return workspace;
  }

  async manageable(principal: Principal, workspaceId: string): Promise<Workspace> {
    const workspace = await this.visible(principal, workspaceId);
    await this.access.require(principal, 'manage', workspaceRef(workspaceId));
    return workspace;
  }
}
