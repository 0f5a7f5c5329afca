import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantIsolation, enableTenantIsolation } from '../src/platform/database/rls';

const TABLES = ['api_key_notification_preferences', 'api_key_notification_subscriptions', 'notifications'];

/**
 * API key expiry notifications: one preference row per user (no row = the tenant's defaults),
 * the keys each user follows, and the in-app inbox. Rows go with their user or key.
 */
export class Notifications1732320000013 implements MigrationInterface {
  name = 'Notifications1732320000013';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE api_key_notification_preferences (
      user_id uuid PRIMARY KEY,
      tenant_id uuid NOT NULL,
      enabled boolean NOT NULL DEFAULT true,
      days_before_expiry integer CHECK (days_before_expiry BETWEEN 1 AND 365),
      auto_follow boolean NOT NULL DEFAULT true,
      auto_follow_tenant_keys boolean NOT NULL DEFAULT false,
      channels text[] NOT NULL DEFAULT '{email}' CHECK (channels <@ ARRAY['email', 'webhook']::text[]),
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    )`);
    // Auto-follow of every tenant key is looked up per tenant when a key is created.
    await q.query(`CREATE INDEX api_key_notification_preferences_tenant_idx
      ON api_key_notification_preferences (tenant_id) WHERE auto_follow_tenant_keys`);

    await q.query(`CREATE TABLE api_key_notification_subscriptions (
      user_id uuid NOT NULL,
      api_key_id uuid NOT NULL,
      tenant_id uuid NOT NULL,
      source text NOT NULL CHECK (source IN ('auto', 'manual')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (api_key_id, user_id),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, api_key_id) REFERENCES api_keys (tenant_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX api_key_notification_subscriptions_user_idx ON api_key_notification_subscriptions (user_id)`);
    await q.query(`CREATE INDEX api_key_notification_subscriptions_tenant_idx ON api_key_notification_subscriptions (tenant_id)`);

    await q.query(`CREATE TABLE notifications (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      user_id uuid NOT NULL,
      kind text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      read_at timestamptz,
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    )`);
    // A user's inbox page: unread first, then newest first (ORDER BY read_at IS NOT NULL, created_at DESC, id DESC).
    await q.query(`CREATE INDEX notifications_inbox_idx
      ON notifications (user_id, (read_at IS NOT NULL), created_at DESC, id DESC)`);
    await q.query(`CREATE INDEX notifications_tenant_idx ON notifications (tenant_id)`);

    for (const table of TABLES) for (const sql of enableTenantIsolation(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      for (const sql of disableTenantIsolation(table)) await q.query(sql);
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
