import { Injectable } from '@nestjs/common';
import { Principal, TransactionRunner, Unauthenticated } from '../../../platform';
import type { User } from '../../domain/iam';
import { UserRepository } from '../ports/user.repository';

/** The calling user, as stored now. */
@Injectable()
export class GetMeUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly users: UserRepository,
  ) {}

  async execute(principal: Principal): Promise<User> {
    const userId = principal.userId;
    const user = userId ? await this.tx.inTenant(principal.tenantId, () => this.users.findById(userId)) : undefined;
    if (!user) throw new Unauthenticated('This credential does not belong to a user');
    return user;
  }
}
