import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { AppConfig, Principal, providersOf } from '../../../platform';
import { DefaultTenantProtected, TenantNotFound } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { everythingOn, PLATFORM, teamRef, tenantRef, userSubject, workspaceRef } from '../authorization-graph';
import { TeamRepository } from '../ports/team.repository';
import { TenantRepository } from '../ports/tenant.repository';
import { UserRepository } from '../ports/user.repository';
import { WorkspaceRepository } from '../ports/workspace.repository';
import { RelationshipChanges } from '../relationship-changes';
import { UnitOfWork } from '../unit-of-work';
import { TenantErasure } from './tenant-erasure';

/**
 * Deletes a tenant and everything it owns in one transaction: the workspace tree deepest first
 * (its parent link is RESTRICT), then the tenant row, whose ON DELETE CASCADE takes users,
 * sessions, teams, memberships and other modules' tenant rows; and queues the removal of every
 * relationship stored on its objects.
 */
@Injectable()
export class DeleteTenantUseCase implements OnModuleInit {
  private erasures: TenantErasure[] = [];

  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly tenants: TenantRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly teams: TeamRepository,
    private readonly users: UserRepository,
    private readonly relationships: RelationshipChanges,
    private readonly config: AppConfig,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    this.erasures = providersOf(this.discovery, TenantErasure);
  }

  async execute(principal: Principal, tenantId: string): Promise<void> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.access.requireSystemAdmin(principal);
    await this.uow.write(tenantId, async () => {
      const tenant = await this.tenants.findById(tenantId);
      if (!tenant) throw new TenantNotFound();
      if (tenant.name === this.config.iam.defaultTenantName) throw new DefaultTenantProtected();
      const teams = await this.teams.listAll(tenantId);
      const systemAdmins = (await this.users.listAll()).filter((u) => u.tenantId === tenantId && u.isSystemAdmin);
      for (const erasure of this.erasures) await erasure.eraseTenant(tenantId);
      const workspaceIds = await this.workspaces.deleteTreeOf(tenantId);
      await this.tenants.delete(tenantId);
      await this.relationships.queue({
        delete: systemAdmins.map((u) => ({ resource: PLATFORM, relation: 'admin', subject: userSubject(u.id) })),
        deleteFilters: [
          everythingOn(tenantRef(tenantId)),
          ...workspaceIds.map((id) => everythingOn(workspaceRef(id))),
          ...teams.map((t) => everythingOn(teamRef(t.id))),
        ],
      });
    });
  }
}
