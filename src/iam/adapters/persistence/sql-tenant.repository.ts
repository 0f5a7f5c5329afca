import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { Plan, Tenant } from '../../domain/iam';
import type { Page, PageRequest } from '../../application/ports/page';
import { TenantRepository } from '../../application/ports/tenant.repository';
import { isUniqueViolation, pageClause, positionColumn, TENANT_COLUMNS, toPage, toTenant } from './rows';

@Injectable()
export class SqlTenantRepository extends TenantRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async insert(tenant: { name: string; plan: Plan }): Promise<Tenant | undefined> {
    const rows = await this.tx.manager.query(
      `INSERT INTO tenants (name, plan) VALUES ($1, $2) ON CONFLICT (name) DO NOTHING RETURNING id`,
      [tenant.name, tenant.plan],
    );
    return rows.length ? this.findById(rows[0].id) : undefined;
  }

  async ensure(tenant: { name: string; plan: Plan }): Promise<Tenant> {
    await this.insert(tenant);
    const rows = await this.tx.manager.query(`SELECT ${TENANT_COLUMNS} FROM tenants t WHERE t.name = $1`, [tenant.name]);
    return toTenant(rows[0]);
  }

  async findById(id: string): Promise<Tenant | undefined> {
    const rows = await this.tx.manager.query(`SELECT ${TENANT_COLUMNS} FROM tenants t WHERE t.id = $1`, [id]);
    return rows.length ? toTenant(rows[0]) : undefined;
  }

  async list(page: PageRequest): Promise<Page<Tenant>> {
    const params: unknown[] = [];
    const clause = pageClause('t', page, params);
    const rows = await this.tx.manager.query(`SELECT ${TENANT_COLUMNS}, ${positionColumn('t')} FROM tenants t WHERE true ${clause}`, params);
    return toPage(rows, page, toTenant);
  }

  async update(id: string, changes: { name?: string; plan?: Plan }): Promise<boolean> {
    try {
      await this.tx.manager.query(
        `UPDATE tenants SET name = COALESCE($2, name), plan = COALESCE($3, plan), updated_at = now() WHERE id = $1`,
        [id, changes.name ?? null, changes.plan ?? null],
      );
      return true;
    } catch (error) {
      if (isUniqueViolation(error, 'tenants_name_key')) return false;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM tenants WHERE id = $1`, [id]);
  }

  async listAll(): Promise<Tenant[]> {
    const rows = await this.tx.manager.query(`SELECT ${TENANT_COLUMNS} FROM tenants t ORDER BY t.created_at, t.id`);
    return rows.map(toTenant);
  }
}
