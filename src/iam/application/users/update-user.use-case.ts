import { Injectable } from '@nestjs/common';
import { Clock, Principal } from '../../../platform';
import type { Role, User } from '../../domain/iam';
import { CannotChangeSelf, UserNotFound } from '../../domain/iam-errors';
import { AccessPolicy } from '../access-policy';
import { graph, tenantRef } from '../authorization-graph';
import { SessionRepository } from '../ports/session.repository';
import { UserRepository } from '../ports/user.repository';
import { RelationshipChanges } from '../relationship-changes';
import { relationshipDiff } from '../relationship-diff';
import { UnitOfWork } from '../unit-of-work';

/** Changes a user's role, or disables (and re-enables) it; disabling ends its sessions. */
@Injectable()
export class UpdateUserUseCase {
  constructor(
    private readonly uow: UnitOfWork,
    private readonly access: AccessPolicy,
    private readonly users: UserRepository,
    private readonly sessions: SessionRepository,
    private readonly relationships: RelationshipChanges,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, tenantId: string, userId: string, changes: { role?: Role; disabled?: boolean }): Promise<User> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.access.require(principal, 'manage', tenantRef(tenantId));
    // An admin locking itself out (or demoting the last admin it can see: itself) is refused.
    if (principal.userId === userId) throw new CannotChangeSelf();
    return this.uow.write(tenantId, async () => {
      const before = await this.users.findById(userId);
      if (!before) throw new UserNotFound();
      const now = this.clock.now();
      const disabledAt = changes.disabled === undefined ? undefined : changes.disabled ? (before.disabledAt ?? now) : null;
      const after = (await this.users.update(userId, { role: changes.role, disabledAt }))!;
      if (after.disabledAt) await this.sessions.revokeAllOf(userId, now);
      await this.relationships.queue(relationshipDiff(graph.user(before), graph.user(after)));
      return after;
    });
  }
}
