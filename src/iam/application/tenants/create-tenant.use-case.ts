import { Injectable } from '@nestjs/common';
import { AppConfig, Principal } from '../../../platform';
import { normalizeEmail } from '../../domain/email';
import type { Plan, Tenant, User } from '../../domain/iam';
import { TenantNameTaken, WeakPassword } from '../../domain/iam-errors';
import { passwordProblem } from '../../domain/password-policy';
import { AccessPolicy } from '../access-policy';
import { graph } from '../authorization-graph';
import { PasswordHasher } from '../ports/password-hasher';
import { TenantRepository } from '../ports/tenant.repository';
import { UserRepository } from '../ports/user.repository';
import { WorkspaceRepository } from '../ports/workspace.repository';
import { RelationshipChanges } from '../relationship-changes';
import { UnitOfWork } from '../unit-of-work';

export interface CreateTenantCommand {
  name: string;
  plan: Plan;
  admin?: { email: string; password: string };
}

/** A tenant, its root workspace and (optionally) its first admin, in one transaction. */
@Injectable()
export class CreateTenantUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly tenants: TenantRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly relationships: RelationshipChanges,
    private readonly config: AppConfig,
  ) {}

  async execute(principal: Principal, command: CreateTenantCommand): Promise<{ tenant: Tenant; admin?: User }> {
    await this.access.requireSystemAdmin(principal);
    const admin = command.admin;
    if (admin) {
      const problem = passwordProblem(admin.password, this.config.iam.passwordMinLength);
      if (problem) throw new WeakPassword(problem);
    }
    // Hash before the transaction opens: the slow part holds no locks.
    const passwordHash = admin ? await this.hasher.hash(admin.password) : undefined;
    return this.uow.writeAsSystem(async () => {
      const tenant = await this.tenants.insert({ name: command.name, plan: command.plan });
      if (!tenant) throw new TenantNameTaken(command.name);
      const root = await this.workspaces.insert({
        tenantId: tenant.id,
        name: this.config.iam.defaultWorkspaceName ?? tenant.name,
        parentWorkspaceId: null,
      });
      const user =
        admin && passwordHash
          ? await this.users.insert({ tenantId: tenant.id, email: normalizeEmail(admin.email), passwordHash, role: 'admin' })
          : undefined;
      await this.relationships.queue({ touch: [...graph.tenant(tenant), ...graph.workspace(root), ...(user ? graph.user(user) : [])] });
      return { tenant: { ...tenant, rootWorkspaceId: root.id }, admin: user };
    });
  }
}
