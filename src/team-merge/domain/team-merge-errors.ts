import { DomainError } from '../../platform/kernel';

/** Every refusal of a team merge, each with its stable code. */

export class MergeIntoItself extends DomainError {
  readonly code = 'TEAM_MERGE_SAME_TEAM';
  readonly kind = 'invalid';
  constructor() {
    super('A team cannot be merged into itself');
  }
}

export class TeamsOfDifferentTenants extends DomainError {
  readonly code = 'TEAM_MERGE_TENANT_MISMATCH';
  readonly kind = 'invalid';
  constructor() {
    super('Both teams must belong to the same tenant');
  }
}

export class MergeTeamNotFound extends DomainError {
  readonly code = 'TEAM_NOT_FOUND';
  readonly kind = 'not_found';
  constructor(role: 'source' | 'target') {
    super(`The ${role} team was not found`, { team: role });
  }
}

export class TeamHasActiveProduct extends DomainError {
  readonly code = 'TEAM_HAS_ACTIVE_PRODUCT';
  readonly kind = 'conflict';
  constructor(productIds: string[]) {
    super('The source team has an active product; detach it before merging', { product_ids: productIds });
  }
}

export class TeamMergeConflict extends DomainError {
  readonly code = 'TEAM_MERGE_CONFLICT';
  readonly kind = 'conflict';
  constructor(names: string[]) {
    super(`Key names taken in the target team: ${names.join(', ')}`, { conflicting_names: names });
  }
}

export class TeamMergeInProgress extends DomainError {
  readonly code = 'TEAM_MERGE_IN_PROGRESS';
  readonly kind = 'conflict';
  constructor() {
    super('One of the teams is being merged or changed right now; try again');
  }
}
