import { Injectable } from '@nestjs/common';
import { Clock } from '../clock/clock';
import { TransactionRunner } from '../database/transaction-runner';
import { AuditEntry, AuditLog } from './audit-log.port';

/** Writes to `audit_log` through the current unit of work's transaction, stamped by the Clock. */
@Injectable()
export class SqlAuditLog extends AuditLog {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {
    super();
  }

  async record(entry: AuditEntry): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, resource_type, resource_id, details, client_address, created_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::jsonb, $8, $9)`,
      [
        entry.tenantId,
        entry.actor.type,
        entry.actor.id ?? null,
        entry.action,
        entry.resourceType,
        entry.resourceId ?? null,
        JSON.stringify(entry.details ?? {}),
        entry.clientAddress ?? null,
        this.clock.now(),
      ],
    );
  }
}
