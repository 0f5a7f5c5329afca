import { Injectable } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import { AppConfig, TransactionRunner } from '../../../platform';
import { normalizeEmail } from '../../domain/email';
import { graph } from '../authorization-graph';
import { PasswordHasher } from '../ports/password-hasher';
import { TenantRepository } from '../ports/tenant.repository';
import { UserRepository } from '../ports/user.repository';
import { WorkspaceRepository } from '../ports/workspace.repository';
import { RelationshipChanges } from '../relationship-changes';
import { UnitOfWork } from '../unit-of-work';

export interface BootstrapOutcome {
  tenantId: string;
  rootWorkspaceId: string;
  adminId: string;
  /** Set only by the run that created the administrator with a generated password. */
  generatedPassword?: string;
}

/**
 * Ensures the default tenant, its root workspace and a system administrator. Idempotent and safe
 * when several instances start at once: one transaction-scoped advisory lock serializes the runs,
 * and every insert is ON CONFLICT DO NOTHING against a unique index besides.
 */
@Injectable()
export class BootstrapDefaultTenantUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly uow: UnitOfWork,
    private readonly tenants: TenantRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly relationships: RelationshipChanges,
    private readonly config: AppConfig,
  ) {}

  async execute(): Promise<BootstrapOutcome> {
    const { defaultTenantName, defaultWorkspaceName, adminEmail, adminPassword } = this.config.iam;
    const generatedPassword = adminPassword ? undefined : randomBytes(18).toString('base64url');
    const passwordHash = await this.hasher.hash(adminPassword ?? generatedPassword!);
    const email = normalizeEmail(adminEmail);
    return this.uow.writeAsSystem(async () => {
      await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('gatehouse.iam.bootstrap'))`);
      const tenant = await this.tenants.ensure({ name: defaultTenantName, plan: 'enterprise' });
      const root = await this.workspaces.ensureRoot(tenant.id, defaultWorkspaceName ?? tenant.name);
      const created = await this.users.insert({ tenantId: tenant.id, email, passwordHash, role: 'admin', isSystemAdmin: true });
      const admin = created ?? (await this.users.findForLogin(email, tenant.id))[0];
      // TOUCH is idempotent: queuing again on every start costs nothing and heals a lost delivery.
      await this.relationships.queue({ touch: [...graph.tenant(tenant), ...graph.workspace(root), ...(admin ? graph.user(admin) : [])] });
      return {
        tenantId: tenant.id,
        rootWorkspaceId: root.id,
        adminId: admin?.id ?? '',
        generatedPassword: created ? generatedPassword : undefined,
      };
    });
  }
}
