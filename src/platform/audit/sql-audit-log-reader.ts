import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../database/transaction-runner';
import { decodeAuditCursor, encodeAuditCursor } from './audit-cursor';
import { AuditLogReader, AuditPage, AuditQuery, AuditRecord } from './audit-log.port';

const DEFAULT_LIMIT = 50;
const MAX_LIMIT = 100;
const FILTERS: Array<[keyof AuditQuery, string]> = [
  ['tenantId', 'tenant_id'],
  ['resourceType', 'resource_type'],
  ['resourceId', 'resource_id'],
  ['action', 'action'],
  ['actorId', 'actor_id'],
];

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

type Row = Record<string, unknown>;

/** Keyset pagination over (created_at, id), newest first; row-level security scopes tenant units of work. */
@Injectable()
export class SqlAuditLogReader extends AuditLogReader {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async list(query: AuditQuery): Promise<AuditPage> {
    if (query.tenantId !== undefined && !UUID.test(query.tenantId)) throw new Error(`tenant id must be a UUID, got "${query.tenantId}"`);
    const limit = Math.min(Math.max(Math.trunc(query.limit ?? DEFAULT_LIMIT), 1), MAX_LIMIT);
    const params: unknown[] = [];
    const where: string[] = [];
    for (const [key, column] of FILTERS) {
      const value = query[key];
      if (value === undefined) continue;
      params.push(String(value));
      where.push(key === 'tenantId' ? `${column} = $${params.length}::uuid` : `${column} = $${params.length}`);
    }
    if (query.cursor) {
      const after = decodeAuditCursor(query.cursor);
      params.push(after.createdAtMicros, after.id);
      const at = `'epoch'::timestamptz + $${params.length - 1}::bigint * interval '1 microsecond'`;
      where.push(`(created_at, id) < (${at}, $${params.length}::uuid)`);
    }
    params.push(limit + 1);
    const rows: Row[] = await this.tx.manager.query(
      `SELECT id, tenant_id, actor_type, actor_id, action, resource_type, resource_id, details, client_address, created_at,
              (extract(epoch FROM created_at) * 1000000)::bigint::text AS position
       FROM audit_log ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY created_at DESC, id DESC LIMIT $${params.length}`,
      params,
    );
    const kept = rows.slice(0, limit);
    const last = kept[kept.length - 1];
    return {
      items: kept.map(toRecord),
      nextCursor: rows.length > limit ? encodeAuditCursor({ createdAtMicros: String(last['position']), id: String(last['id']) }) : null,
    };
  }
}

function toRecord(row: Row): AuditRecord {
  return {
    id: String(row['id']),
    tenantId: String(row['tenant_id']),
    actor: { type: row['actor_type'] as AuditRecord['actor']['type'], ...(row['actor_id'] ? { id: String(row['actor_id']) } : {}) },
    action: String(row['action']),
    resourceType: String(row['resource_type']),
    resourceId: (row['resource_id'] as string | null) ?? null,
    details: (row['details'] as Record<string, unknown>) ?? {},
    clientAddress: (row['client_address'] as string | null) ?? null,
    createdAt: new Date(row['created_at'] as string),
  };
}
