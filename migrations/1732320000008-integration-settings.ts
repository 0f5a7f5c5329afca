import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantIsolation, enableTenantIsolation } from '../src/platform/database/rls';

/**
 * Integration settings: one platform row per type (defaults, and provider secrets sealed with
 * AES-256-GCM: the table never holds plaintext), and per tenant only the fields it overrides.
 * Platform rows are changed by `app_system` alone; tenants read them to compute their settings.
 */
export class IntegrationSettings1732320000008 implements MigrationInterface {
  name = 'IntegrationSettings1732320000008';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE global_integration_settings (
      integration_type text PRIMARY KEY CHECK (integration_type ~ '^[a-z][a-z0-9_]{0,62}$'),
      enabled boolean NOT NULL DEFAULT true,
      defaults jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(defaults) = 'object'),
      secrets jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(secrets) = 'object'),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text
    )`);
    await q.query(`REVOKE INSERT, UPDATE, DELETE ON global_integration_settings FROM app_user`);
    await q.query(`CREATE TABLE integration_settings (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      integration_type text NOT NULL REFERENCES global_integration_settings (integration_type) ON DELETE CASCADE,
      config jsonb NOT NULL DEFAULT '{}'::jsonb CHECK (jsonb_typeof(config) = 'object'),
      is_active boolean NOT NULL DEFAULT true,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      updated_by text,
      CONSTRAINT integration_settings_tenant_type_key UNIQUE (tenant_id, integration_type)
    )`);
    for (const sql of enableTenantIsolation('integration_settings')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of disableTenantIsolation('integration_settings')) await q.query(sql);
    await q.query(`DROP TABLE integration_settings`);
    await q.query(`DROP TABLE global_integration_settings`);
  }
}
