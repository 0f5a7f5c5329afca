import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { Clock, Principal, providersOf } from '../../../platform';
import type { Role, User } from '../../domain/iam';
import { CannotChangeSelf, UserNotFound } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { graph, tenantRef } from '../authorization-graph';
import { SessionRepository } from '../ports/session.repository';
import { UserRepository } from '../ports/user.repository';
import { RelationshipChanges } from '../relationship-changes';
import { relationshipDiff } from '../relationship-diff';
import { UnitOfWork } from '../unit-of-work';
import { UserAccessChange } from './user-access-change';

/**
 * Changes a user's role, or disables (and re-enables) it; disabling ends its sessions. Once the
 * change committed, other modules hear of it (UserAccessChange), e.g. to stop the user's API keys.
 */
@Injectable()
export class UpdateUserUseCase implements OnModuleInit {
  private followers: UserAccessChange[] = [];

  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly relationships: RelationshipChanges,
    private readonly clock: Clock,
    private readonly discovery: DiscoveryService,
  ) {}

  onModuleInit(): void {
    this.followers = providersOf(this.discovery, UserAccessChange);
  }

  async execute(principal: Principal, tenantId: string, userId: string, changes: { role?: Role; disabled?: boolean }): Promise<User> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.access.require(principal, 'manage', tenantRef(tenantId));
    // An admin locking itself out (or demoting the last admin it can see: itself) is refused.
    if (principal.userId === userId) throw new CannotChangeSelf();
    const { before, after } = await this.uow.write(tenantId, async () => {
      const before = await this.users.findById(userId);
      if (!before) throw new UserNotFound();
      const now = this.clock.now();
      const disabledAt = changes.disabled === undefined ? undefined : changes.disabled ? (before.disabledAt ?? now) : null;
      const after = (await this.users.update(userId, { role: changes.role, disabledAt }))!;
      if (after.disabledAt) await this.sessions.revokeAllOf(userId, now);
      await this.relationships.queue(relationshipDiff(graph.user(before), graph.user(after)));
      return { before, after };
    });
    if (before.role !== after.role || (before.disabledAt === null) !== (after.disabledAt === null)) {
      for (const follower of this.followers) await follower.userAccessChanged(tenantId, userId);
    }
    return after;
  }
}
