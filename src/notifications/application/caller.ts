import type { Principal } from '../../platform';
import { NotificationsForPeopleOnly } from '../domain/notification-errors';

/** The person behind a session; keys (machines) have no inbox or preferences. */
export interface Person {
  userId: string;
  tenantId: string;
}

export function personOf(principal: Principal): Person {
  if (principal.kind !== 'user') throw new NotificationsForPeopleOnly();
  return { userId: principal.userId ?? principal.id, tenantId: principal.tenantId };
}
