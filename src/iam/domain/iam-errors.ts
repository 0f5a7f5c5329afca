import { DomainError } from '../../platform/kernel';

/** Every IAM failure a caller can see, each with its stable code. */

export class InvalidCredentials extends DomainError {
  readonly code = 'INVALID_CREDENTIALS';
  readonly kind = 'unauthenticated';
  constructor() {
    super('Invalid email or password');
  }
}

export class TooManyLoginAttempts extends DomainError {
  readonly code = 'TOO_MANY_LOGIN_ATTEMPTS';
  readonly kind = 'rate_limited';
  constructor(retryAfterSeconds: number) {
    super('Too many failed login attempts; try again later');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly kind = 'forbidden';
  constructor(message = 'Not allowed') {
    super(message);
  }
}

abstract class NotFound extends DomainError {
  readonly kind = 'not_found';
}

export class TenantNotFound extends NotFound {
  readonly code = 'TENANT_NOT_FOUND';
  constructor() {
    super('Tenant not found');
  }
}

export class UserNotFound extends NotFound {
  readonly code = 'USER_NOT_FOUND';
  constructor() {
    super('User not found');
  }
}

export class WorkspaceNotFound extends NotFound {
  readonly code = 'WORKSPACE_NOT_FOUND';
  constructor() {
    super('Workspace not found');
  }
}

export class TeamNotFound extends NotFound {
  readonly code = 'TEAM_NOT_FOUND';
  constructor() {
    super('Team not found');
  }
}

export class ProductNotFound extends NotFound {
  readonly code = 'PRODUCT_NOT_FOUND';
  constructor() {
    super('Product not found');
  }
}

export class MemberNotFound extends NotFound {
  readonly code = 'MEMBER_NOT_FOUND';
  constructor() {
    super('Member not found');
  }
}

abstract class Conflict extends DomainError {
  readonly kind = 'conflict';
}

export class TenantNameTaken extends Conflict {
  readonly code = 'TENANT_NAME_TAKEN';
  constructor(name: string) {
    super(`A tenant named "${name}" already exists`);
  }
}

export class DefaultTenantProtected extends Conflict {
  readonly code = 'DEFAULT_TENANT_PROTECTED';
  constructor() {
    super('The default tenant holds the system administrators: it cannot be renamed or deleted');
  }
}

export class EmailTaken extends Conflict {
  readonly code = 'EMAIL_TAKEN';
  constructor() {
    super('A user with this email already exists in the tenant');
  }
}

export class CannotChangeSelf extends Conflict {
  readonly code = 'CANNOT_CHANGE_SELF';
  constructor() {
    super('You cannot change your own role or disable yourself');
  }
}

export class WorkspaceCycle extends Conflict {
  readonly code = 'WORKSPACE_CYCLE';
  constructor() {
    super('A workspace cannot move into its own subtree');
  }
}

export class RootWorkspaceProtected extends Conflict {
  readonly code = 'ROOT_WORKSPACE_PROTECTED';
  constructor(action: 'deleted' | 'moved') {
    super(`The root workspace cannot be ${action}`);
  }
}

export class WorkspaceHasChildren extends Conflict {
  readonly code = 'WORKSPACE_HAS_CHILDREN';
  constructor() {
    super('Delete or move the workspace children first');
  }
}

export class TeamNameTaken extends Conflict {
  readonly code = 'TEAM_NAME_TAKEN';
  constructor() {
    super('A team with this name already exists in the tenant');
  }
}

export class ProductNameTaken extends Conflict {
  readonly code = 'PRODUCT_NAME_TAKEN';
  constructor() {
    super('A product with this name already exists');
  }
}

export class WeakPassword extends DomainError {
  readonly code = 'WEAK_PASSWORD';
  readonly kind = 'invalid';
  constructor(problem: string) {
    super(`Password ${problem}`);
  }
}

export class InvalidMember extends DomainError {
  readonly code = 'INVALID_MEMBER';
  readonly kind = 'invalid';
  constructor(message: string) {
    super(message);
  }
}

export class InvalidCursor extends DomainError {
  readonly code = 'INVALID_CURSOR';
  readonly kind = 'invalid';
  constructor() {
    super('The cursor is not one this list returned');
  }
}
