import { Injectable } from '@nestjs/common';
import { AppConfig, Principal } from '../../../platform';
import { normalizeEmail } from '../../domain/email';
import type { Role, User } from '../../domain/iam';
import { EmailTaken, WeakPassword } from '../../domain/iam-errors';
import { passwordProblem } from '../../domain/password-policy';
import { AccessPolicy } from '../access-policy';
import { graph, tenantRef } from '../authorization-graph';
import { PasswordHasher } from '../ports/password-hasher';
import { UserRepository } from '../ports/user.repository';
import { RelationshipChanges } from '../relationship-changes';
import { UnitOfWork } from '../unit-of-work';

/** A tenant admin adds a user with an initial password. */
@Injectable()
export class CreateUserUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly users: UserRepository,
    private readonly hasher: PasswordHasher,
    private readonly relationships: RelationshipChanges,
    private readonly config: AppConfig,
  ) {}

  async execute(principal: Principal, tenantId: string, command: { email: string; password: string; role: Role }): Promise<User> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.access.require(principal, 'manage', tenantRef(tenantId));
    const problem = passwordProblem(command.password, this.config.iam.passwordMinLength);
    if (problem) throw new WeakPassword(problem);
    const passwordHash = await this.hasher.hash(command.password);
    return this.uow.write(tenantId, async () => {
      const user = await this.users.insert({ tenantId, email: normalizeEmail(command.email), passwordHash, role: command.role });
      if (!user) throw new EmailTaken();
      await this.relationships.queue({ touch: graph.user(user) });
      return user;
    });
  }
}
