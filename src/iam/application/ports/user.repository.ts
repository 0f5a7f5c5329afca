import type { Role, User, UserWithCredentials } from '../../domain/iam';
import type { Page, PageRequest } from './page';

export interface NewUser {
  tenantId: string;
  email: string;
  passwordHash: string;
  role: Role;
  isSystemAdmin?: boolean;
}

/** Users of the current tenant (or all, on the system path). */
export abstract class UserRepository {
  /** Returns undefined when the email is taken in the tenant. */
  abstract insert(user: NewUser): Promise<User | undefined>;
  abstract findById(id: string): Promise<User | undefined>;
  abstract list(tenantId: string, page: PageRequest): Promise<Page<User>>;
  abstract update(id: string, changes: { role?: Role; disabledAt?: Date | null }): Promise<User | undefined>;
  /** Login: every enabled user with this email, across tenants or within one. */
  abstract findForLogin(email: string, tenantId?: string): Promise<UserWithCredentials[]>;
  abstract listAll(): Promise<User[]>;
}
