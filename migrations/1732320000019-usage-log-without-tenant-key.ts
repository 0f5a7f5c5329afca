import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The usage log is an append-only, write-behind table: a batch mixes uses of many tenants' keys.
 * Its foreign key to `tenants` made one use of a tenant deleted before its batch was written fail
 * the whole batch, and every later batch with it; it also cost a row lock on the tenant per use.
 * Now a batch keeps only the uses of tenants that still exist (one semi-join per batch), and tenant
 * deletion removes the tenant's uses in its own transaction (EraseTenantKeys); retention prunes any
 * row written while that deletion was committing.
 */
export class UsageLogWithoutTenantKey1732320000019 implements MigrationInterface {
  name = 'UsageLogWithoutTenantKey1732320000019';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_key_usage DROP CONSTRAINT api_key_usage_tenant_id_fkey`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DELETE FROM api_key_usage u WHERE NOT EXISTS (SELECT 1 FROM tenants t WHERE t.id = u.tenant_id)`);
    await q.query(`ALTER TABLE api_key_usage ADD CONSTRAINT api_key_usage_tenant_id_fkey
      FOREIGN KEY (tenant_id) REFERENCES tenants (id) ON DELETE CASCADE`);
  }
}
