import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { TenantPlans } from '../../application/ports/tenant-plans';

/**
 * Reads the plan column of IAM's `tenants` table, under its row-level security (a tenant unit of
 * work sees its own row only). IAM's public surface has no tenant lookup to ask instead.
 */
@Injectable()
export class SqlTenantPlans extends TenantPlans {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async planOf(tenantId: string): Promise<string | undefined> {
    const rows: Array<{ plan: string }> = await this.tx.manager.query(`SELECT plan FROM tenants WHERE id = $1`, [tenantId]);
    return rows[0]?.plan;
  }
}
