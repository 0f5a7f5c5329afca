import { DomainError } from '../../platform/kernel';

/** Merging teams is for system administrators only. */
export class Forbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly kind = 'forbidden';
  constructor() {
    super('Only system administrators may merge teams');
  }
}
