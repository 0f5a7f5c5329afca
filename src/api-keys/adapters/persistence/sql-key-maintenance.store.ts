import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { KeyMaintenanceStore, MaintainedKey } from '../../application/ports/key-maintenance.store';

/** One lock for every instance; transaction-scoped, so a crashed run frees it with its connection. */
const LOCK = `hashtext('gatehouse.api_key_maintenance')`;

/** The audit record of each changed key, written by the same statement as the change. */
/** Times in audit details as the rest of the trail writes them (ISO 8601, UTC, milliseconds). */
const iso = (expr: string): string => `to_char(${expr} AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"')`;

const AUDIT_INSERT = `INSERT INTO audit_log (tenant_id, actor_type, actor_id, action, resource_type, resource_id, details, client_address, created_at)`;

@Injectable()
export class SqlKeyMaintenanceStore extends KeyMaintenanceStore {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async tryLock(): Promise<boolean> {
    const rows: Array<{ locked: boolean }> = await this.tx.manager.query(`SELECT pg_try_advisory_xact_lock(${LOCK}) AS locked`);
    return rows[0]?.locked === true;
  }

  finalizeRotations(now: Date): Promise<MaintainedKey[]> {
    return this.changed(
      `WITH done AS (
         UPDATE api_keys k SET revocation_reason_code = 'rotation_completed', updated_at = $1
         WHERE k.revoked_at IS NOT NULL AND k.revoked_at <= $1 AND k.revocation_reason_code IS NULL
           AND EXISTS (SELECT 1 FROM api_keys n WHERE n.rotated_from_id = k.id)
         RETURNING k.id, k.tenant_id, k.revoked_at
       ), audited AS (
         ${AUDIT_INSERT}
         SELECT tenant_id, 'system', NULL, 'api_key.rotation_completed', 'api_key', id::text,
                jsonb_build_object('reason_code', 'rotation_completed', 'revoked_at', ${iso('revoked_at')}), NULL, $1
         FROM done
       )
       SELECT id, tenant_id FROM done`,
      [now],
    );
  }

  expireUnused(now: Date): Promise<MaintainedKey[]> {
    return this.changed(
      `WITH due AS (
         SELECT k.id, k.expires_at, coalesce(k.last_used_at, k.created_at) AS last_activity,
                (t.api_key_policy ->> 'auto_expire_unused_days')::int AS unused_days
         FROM api_keys k JOIN tenants t ON t.id = k.tenant_id
         WHERE jsonb_typeof(t.api_key_policy -> 'auto_expire_unused_days') = 'number'
           AND k.revoked_at IS NULL AND (k.expires_at IS NULL OR k.expires_at > $1)
           AND coalesce(k.last_used_at, k.created_at) < $1 - (t.api_key_policy ->> 'auto_expire_unused_days')::int * interval '1 day'
         FOR UPDATE OF k
       ), done AS (
         UPDATE api_keys k SET expires_at = $1, updated_at = $1 FROM due WHERE k.id = due.id
         RETURNING k.id, k.tenant_id, due.expires_at AS previous_expires_at, due.last_activity, due.unused_days
       ), audited AS (
         ${AUDIT_INSERT}
         SELECT tenant_id, 'system', NULL, 'api_key.expired_unused', 'api_key', id::text,
                jsonb_build_object('unused_days', unused_days, 'last_activity_at', ${iso('last_activity')},
                                   'previous_expires_at', ${iso('previous_expires_at')}, 'expires_at', ${iso('$1::timestamptz')}), NULL, $1
         FROM done
       )
       SELECT id, tenant_id FROM done`,
      [now],
    );
  }

  async pruneUsage(before: Date): Promise<number> {
    const rows: Array<{ pruned: number }> = await this.tx.manager.query(
      `WITH pruned AS (DELETE FROM api_key_usage WHERE used_at < $1 RETURNING 1) SELECT count(*)::int AS pruned FROM pruned`,
      [before],
    );
    return rows[0]?.pruned ?? 0;
  }

  private async changed(sql: string, params: unknown[]): Promise<MaintainedKey[]> {
    const rows: Array<{ id: string; tenant_id: string }> = await this.tx.manager.query(sql, params);
    return rows.map((row) => ({ id: row.id, tenantId: row.tenant_id }));
  }
}
