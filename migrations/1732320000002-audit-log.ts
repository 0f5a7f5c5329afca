import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantIsolation, enableTenantIsolation } from '../src/platform/database/rls';

/** The platform's audit log: the first tenant-owned table, isolated by the standard policy. */
export class AuditLog1732320000002 implements MigrationInterface {
  name = 'AuditLog1732320000002';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE audit_log (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      actor_type text NOT NULL CHECK (actor_type IN ('user', 'api_key', 'system')),
      actor_id text,
      action text NOT NULL,
      resource_type text NOT NULL,
      resource_id text,
      details jsonb NOT NULL DEFAULT '{}'::jsonb,
      client_address text,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE INDEX audit_log_resource_idx ON audit_log (tenant_id, resource_type, resource_id, created_at DESC)`);
    for (const sql of enableTenantIsolation('audit_log')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of disableTenantIsolation('audit_log')) await q.query(sql);
    await q.query(`DROP TABLE audit_log`);
  }
}
