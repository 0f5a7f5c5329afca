import { Injectable } from '@nestjs/common';
import { Clock, TransactionRunner } from '../../../platform';
import type { Settings } from '../../domain/integration-type';
import { TenantOverrides, TenantOverridesRepository } from '../../application/ports/tenant-overrides.repository';

type Row = Record<string, unknown>;

@Injectable()
export class SqlTenantOverridesRepository extends TenantOverridesRepository {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {
    super();
  }

  async findActive(tenantId: string, type: string): Promise<TenantOverrides | undefined> {
    const rows: Row[] = await this.tx.manager.query(
      `SELECT integration_type, config, updated_at FROM integration_settings WHERE tenant_id = $1 AND integration_type = $2 AND is_active`,
      [tenantId, type],
    );
    return rows.length ? toOverrides(rows[0]) : undefined;
  }

  async listActive(tenantId: string): Promise<TenantOverrides[]> {
    const rows: Row[] = await this.tx.manager.query(
      `SELECT integration_type, config, updated_at FROM integration_settings WHERE tenant_id = $1 AND is_active ORDER BY integration_type`,
      [tenantId],
    );
    return rows.map(toOverrides);
  }

  async lock(tenantId: string, type: string): Promise<Settings> {
    // An empty row first, so there is always a row to lock; a change that ends empty deletes it again.
    await this.tx.manager.query(
      `INSERT INTO integration_settings (tenant_id, integration_type) VALUES ($1, $2) ON CONFLICT (tenant_id, integration_type) DO NOTHING`,
      [tenantId, type],
    );
    const rows: Row[] = await this.tx.manager.query(
      `SELECT config, is_active FROM integration_settings WHERE tenant_id = $1 AND integration_type = $2 FOR UPDATE`,
      [tenantId, type],
    );
    return rows[0]['is_active'] ? (rows[0]['config'] as Settings) : {};
  }

  async save(tenantId: string, type: string, config: Settings, updatedBy: string): Promise<void> {
    await this.tx.manager.query(
      `UPDATE integration_settings SET config = $3::jsonb, is_active = true, updated_at = $4, updated_by = $5
       WHERE tenant_id = $1 AND integration_type = $2`,
      [tenantId, type, JSON.stringify(config), this.clock.now(), updatedBy],
    );
  }

  async delete(tenantId: string, type: string): Promise<boolean> {
    const result: unknown[] = await this.tx.manager.query(
      `DELETE FROM integration_settings WHERE tenant_id = $1 AND integration_type = $2 RETURNING id`,
      [tenantId, type],
    );
    // The postgres driver answers a DELETE with [rows, count].
    const rows = Array.isArray(result[0]) ? (result[0] as unknown[]) : result;
    return rows.length > 0;
  }
}

function toOverrides(row: Row): TenantOverrides {
  return { type: String(row['integration_type']), config: (row['config'] ?? {}) as Settings, updatedAt: new Date(row['updated_at'] as string) };
}
