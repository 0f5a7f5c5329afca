import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { ApiKey } from '../../domain/api-key';
import { ApiKeyEdit, ApiKeyFilter, ApiKeyRepository, KeyPage, KeyPagePosition, NewApiKey } from '../../application/ports/api-key.repository';
import { isUniqueViolation, KEY_COLUMNS, POSITION_COLUMN, toApiKey } from './api-key-rows';

const LIVE_NAME = 'api_keys_live_name_key';

@Injectable()
export class SqlApiKeyRepository extends ApiKeyRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async insert(key: NewApiKey): Promise<ApiKey | undefined> {
    const rows = await this.guardName('api_key_insert', () =>
      this.tx.manager.query(
        `INSERT INTO api_keys (tenant_id, user_id, team_id, name, key_type, key_prefix, key_hash, scopes, resource_permissions,
           expires_at, created_at, updated_at, rotated_from_id, permission, scope_type, scope_id, allowed_origins, allowed_ips,
           rate_limit_per_minute)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9::jsonb, $10, $11, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING id`,
        [key.tenantId, key.userId, key.teamId, key.name, key.type, key.keyPrefix, key.keyHash, key.scopes,
          JSON.stringify(key.resourcePermissions), key.expiresAt, key.createdAt, key.rotatedFromId,
          key.permission, key.scope.type, key.scope.type === 'tenant' ? null : key.scope.id, key.allowedOrigins, key.allowedIps,
          key.rateLimitPerMinute],
      ),
    );
    return rows ? this.findById(rows[0].id) : undefined;
  }

  async findById(id: string): Promise<ApiKey | undefined> {
    const rows = await this.tx.manager.query(`SELECT ${KEY_COLUMNS} FROM api_keys k WHERE k.id = $1`, [id]);
    return rows.length ? toApiKey(rows[0]) : undefined;
  }

  async list(filter: ApiKeyFilter, limit: number, after?: KeyPagePosition): Promise<KeyPage> {
    const params: unknown[] = [];
    const where: string[] = [];
    const param = (value: unknown) => `$${params.push(value)}`;
    if (filter.tenantId) where.push(`k.tenant_id = ${param(filter.tenantId)}`);
    if (filter.teamId) where.push(`k.team_id = ${param(filter.teamId)}`);
    if (filter.ownerId) where.push(`k.user_id = ${param(filter.ownerId)}`);
    if (filter.visibleTo) {
      where.push(`(k.user_id = ${param(filter.visibleTo.userId)} OR k.team_id = ANY(${param(filter.visibleTo.teamIds)}::uuid[]))`);
    }
    if (filter.withinScope?.type === 'team') where.push(`k.team_id = ${param(filter.withinScope.id)}`);
    if (filter.withinScope?.type === 'workspace') {
      where.push(`k.team_id IS NULL AND k.scope_type = 'workspace' AND k.scope_id IN (
        WITH RECURSIVE down(id) AS (
          SELECT id FROM workspaces WHERE id = ${param(filter.withinScope.id)}
          UNION ALL SELECT w.id FROM workspaces w JOIN down ON w.parent_workspace_id = down.id
        ) SELECT id FROM down)`);
    }
    const now = `${param(filter.now)}::timestamptz`;
    // The states in their order of precedence, as stateOf derives them.
    const revoked = `(k.revoked_at IS NOT NULL AND k.revoked_at <= ${now})`;
    const expired = `(k.expires_at IS NOT NULL AND k.expires_at <= ${now})`;
    const outright = `(${revoked} AND k.revocation_reason_code IS NOT NULL AND k.revocation_reason_code <> 'rotation_completed')`;
    if (filter.state === 'revoked') where.push(`${revoked} AND (${outright} OR NOT ${expired})`);
    if (filter.state === 'expired') where.push(`NOT ${outright} AND ${expired}`);
    if (filter.state === 'suspended') where.push(`NOT ${revoked} AND NOT ${expired} AND k.suspended_at IS NOT NULL`);
    if (filter.state === 'active') where.push(`NOT ${revoked} AND NOT ${expired} AND k.suspended_at IS NULL`);
    if (filter.expiringWithinDays !== undefined) {
      where.push(`NOT ${revoked} AND k.expires_at > ${now} AND k.expires_at <= ${now} + ${param(filter.expiringWithinDays)} * interval '1 day'`);
    }
    // Every statement uses the clock's time, so the parameter always has a use (and a type).
    where.push(`${now} IS NOT NULL`);
    if (after) {
      where.push(
        `(k.created_at, k.id) > (timestamptz 'epoch' + ${param(after.createdAtMicros)}::bigint * interval '1 microsecond', ${param(after.id)}::uuid)`,
      );
    }
    const rows = await this.tx.manager.query(
      `SELECT ${KEY_COLUMNS}, ${POSITION_COLUMN} FROM api_keys k
       ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
       ORDER BY k.created_at, k.id LIMIT ${param(limit + 1)}`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toApiKey),
      next: rows.length > limit && last ? { createdAtMicros: last.position_micros, id: last.id } : undefined,
    };
  }

  async edit(id: string, edit: ApiKeyEdit, at: Date): Promise<ApiKey | undefined> {
    const sets: string[] = [];
    const params: unknown[] = [id, at];
    const set = (column: string, value: unknown, cast = '') => sets.push(`${column} = $${params.push(value)}${cast}`);
    if (edit.name !== undefined) set('name', edit.name);
    if (edit.expiresAt !== undefined) set('expires_at', edit.expiresAt);
    if (edit.scopes !== undefined) set('scopes', edit.scopes);
    if (edit.resourcePermissions !== undefined) set('resource_permissions', JSON.stringify(edit.resourcePermissions), '::jsonb');
    if (edit.permission !== undefined) set('permission', edit.permission);
    if (edit.scope !== undefined) {
      set('scope_type', edit.scope.type);
      set('scope_id', edit.scope.type === 'tenant' ? null : edit.scope.id, '::uuid');
    }
    if (edit.teamId !== undefined) set('team_id', edit.teamId);
    if (edit.allowedOrigins !== undefined) set('allowed_origins', edit.allowedOrigins);
    if (edit.allowedIps !== undefined) set('allowed_ips', edit.allowedIps);
    if (edit.rateLimitPerMinute !== undefined) set('rate_limit_per_minute', edit.rateLimitPerMinute);
    if (sets.length > 0) {
      const done = await this.guardName('api_key_edit', () =>
        this.tx.manager.query(`UPDATE api_keys SET ${sets.join(', ')}, updated_at = $2 WHERE id = $1`, params),
      );
      if (!done) return undefined;
    }
    return this.findById(id);
  }

  async retire(id: string, revokedAt: Date, reason: string | null, at: Date): Promise<ApiKey> {
    await this.tx.manager.query(`UPDATE api_keys SET revoked_at = $2, revocation_reason = $3, updated_at = $4 WHERE id = $1`, [
      id,
      revokedAt,
      reason,
      at,
    ]);
    const key = await this.findById(id);
    if (!key) throw new Error(`api key ${id} vanished while being retired`);
    return key;
  }

  async teamExists(teamId: string): Promise<boolean> {
    const rows = await this.tx.manager.query(`SELECT 1 FROM teams WHERE id = $1`, [teamId]);
    return rows.length > 0;
  }

  async idsOfTenant(tenantId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.tx.manager.query(`SELECT id FROM api_keys WHERE tenant_id = $1`, [tenantId]);
    return rows.map((row) => row.id);
  }

  /** Runs `write` under a savepoint: a taken name rolls back the statement only, and reads as `undefined`. */
  private async guardName<T>(savepoint: string, write: () => Promise<T>): Promise<T | undefined> {
    const manager = this.tx.manager;
    await manager.query(`SAVEPOINT ${savepoint}`);
    try {
      const result = await write();
      await manager.query(`RELEASE SAVEPOINT ${savepoint}`);
      return result;
    } catch (error) {
      await manager.query(`ROLLBACK TO SAVEPOINT ${savepoint}`);
      if (isUniqueViolation(error, LIVE_NAME)) return undefined;
      throw error;
    }
  }
}
