import { DomainError } from '../kernel';

/** No valid credential: missing, unknown, expired or revoked. Deliberately says no more than that. */
export class Unauthenticated extends DomainError {
  readonly code = 'UNAUTHENTICATED';
  readonly kind = 'unauthenticated';

  constructor(message = 'Authentication required') {
    super(message);
  }
}
