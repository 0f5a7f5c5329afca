/** Who made a change. */
export interface AuditActor {
  type: 'user' | 'api_key' | 'system';
  /** The user id, the API key id; absent for the system itself. */
  id?: string;
}

/** One change worth keeping. `details` must never hold a secret: it is shown to tenant admins. */
export interface AuditEntry {
  tenantId: string;
  actor: AuditActor;
  /** What happened, dotted and past tense: `integration_settings.updated`. */
  action: string;
  resourceType: string;
  resourceId?: string;
  details?: Record<string, unknown>;
  clientAddress?: string;
}

export interface AuditRecord extends Required<Pick<AuditEntry, 'tenantId' | 'actor' | 'action' | 'resourceType' | 'details'>> {
  id: string;
  resourceId: string | null;
  clientAddress: string | null;
  createdAt: Date;
}

/** Filters of a listing; every given one must match. */
export interface AuditQuery {
  /** Required inside a tenant unit of work only by row-level security; a system unit of work may list across tenants. */
  tenantId?: string;
  resourceType?: string;
  resourceId?: string;
  action?: string;
  actorId?: string;
  /** 1 to 100; 50 when absent. */
  limit?: number;
  /** The `nextCursor` of the previous page. */
  cursor?: string;
}

export interface AuditPage {
  items: AuditRecord[];
  /** Where the next (older) page starts; null at the end. */
  nextCursor: string | null;
}

/** Records changes in the platform's audit log, inside the current unit of work (they commit or roll back with it). */
export abstract class AuditLog {
  abstract record(entry: AuditEntry): Promise<void>;
}

/** Lists audit records, newest first, inside the current unit of work. */
export abstract class AuditLogReader {
  abstract list(query: AuditQuery): Promise<AuditPage>;
}
