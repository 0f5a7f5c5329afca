import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform';
import type { User } from '../../domain/iam';
import { UserNotFound } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { tenantRef } from '../authorization-graph';
import { CursorPage, pageRequest, toCursorPage } from '../pagination';
import { UserRepository } from '../ports/user.repository';
import { UnitOfWork } from '../unit-of-work';

/** The tenant's users, for its admins. */
@Injectable()
export class ListUsersUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly users: UserRepository,
  ) {}

  async execute(principal: Principal, tenantId: string, limit?: number, cursor?: string): Promise<CursorPage<User>> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.access.require(principal, 'manage', tenantRef(tenantId));
    const page = pageRequest(limit, cursor);
    return toCursorPage(await this.uow.read(tenantId, () => this.users.list(tenantId, page)));
  }
}

/** One user: tenant admins see anyone of the tenant, a user sees itself. */
@Injectable()
export class GetUserUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly users: UserRepository,
  ) {}

  async execute(principal: Principal, tenantId: string, userId: string): Promise<User> {
    await this.access.requireTenantVisible(principal, tenantId);
    if (principal.userId !== userId) await this.access.require(principal, 'manage', tenantRef(tenantId));
    const user = await this.uow.read(tenantId, () => this.users.findById(userId));
    if (!user) throw new UserNotFound();
    return user;
  }
}
