import { Injectable } from '@nestjs/common';
import { AuditActor, AuditLog, Principal } from '../../platform';
import type { ApiKey } from '../domain/api-key';

/** What happened to a key, as the audit log names it (`api_key.<event>`). */
export type KeyAuditEvent = 'created' | 'updated' | 'rotated' | 'suspended' | 'reactivated' | 'revoked' | 'looked_up';

export const KEY_AUDIT_RESOURCE = 'api_key';

/** Who did it and from where, as the HTTP layer saw the request. */
export interface KeyActorContext {
  principal: Principal;
  clientAddress?: string;
}

/** The audit log's actor for a caller: the person, or the key that called. */
export function actorOf(principal: Principal): AuditActor {
  return principal.kind === 'api_key' ? { type: 'api_key', id: principal.id } : { type: 'user', id: principal.userId ?? principal.id };
}

/**
 * Records key events in the platform audit log, inside the caller's unit of work, so an event
 * commits or rolls back with its change. Details hold settings and reasons, never a key or hash.
 */
@Injectable()
export class KeyAudit {
  constructor(private readonly log: AuditLog) {}

  /** `key` without an id: an event about no particular key (a leak lookup that matched nothing), kept in `tenantId`. */
  record(
    context: KeyActorContext | undefined,
    event: KeyAuditEvent,
    key: Pick<ApiKey, 'tenantId'> & { id?: string },
    details: Record<string, unknown> = {},
  ): Promise<void> {
    return this.log.record({
      tenantId: key.tenantId,
      actor: context ? actorOf(context.principal) : { type: 'system' },
      action: `${KEY_AUDIT_RESOURCE}.${event}`,
      resourceType: KEY_AUDIT_RESOURCE,
      resourceId: key.id,
      details,
      clientAddress: context?.clientAddress,
    });
  }
}
