import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantIsolation, enableTenantIsolation } from '../src/platform/database/rls';

const TABLES = ['api_key_reminder_deliveries', 'tenant_notification_webhooks'];

/**
 * API key expiry reminders. One delivery row per (key, user, the key's expiry, kind, channel): the
 * unique constraint is what makes a reminder go out once, and again only when the key's expiry
 * moves. A row is claimed with a lease (`claimed_until`, `claim_token`) before it is sent, so a run
 * that dies mid-way leaves its rows to the next run once the lease ends. Rows go with their key,
 * user or tenant.
 *
 * Each tenant may have one webhook; its signing secret is stored sealed (AES-256-GCM, like the
 * integration secrets) and never read back out through the API.
 */
export class ReminderDeliveries1732320000015 implements MigrationInterface {
  name = 'ReminderDeliveries1732320000015';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE api_key_reminder_deliveries (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      api_key_id uuid NOT NULL,
      user_id uuid NOT NULL,
      expires_at timestamptz NOT NULL,
      kind text NOT NULL CHECK (kind IN ('expiring', 'expired')),
      channel text NOT NULL CHECK (channel IN ('in_app', 'email', 'webhook')),
      status text NOT NULL DEFAULT 'pending' CHECK (status IN ('pending', 'sent', 'failed', 'cancelled')),
      attempts integer NOT NULL DEFAULT 0,
      next_attempt_at timestamptz NOT NULL,
      claimed_until timestamptz,
      claim_token uuid,
      last_error text CHECK (length(last_error) <= 1000),
      created_at timestamptz NOT NULL,
      sent_at timestamptz,
      CONSTRAINT api_key_reminder_deliveries_once UNIQUE (api_key_id, user_id, expires_at, kind, channel),
      FOREIGN KEY (tenant_id, api_key_id) REFERENCES api_keys (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    )`);
    // The claim looks only at rows still to send, oldest due first.
    await q.query(`CREATE INDEX api_key_reminder_deliveries_due_idx
      ON api_key_reminder_deliveries (next_attempt_at, id) WHERE status = 'pending'`);
    // A run renews the lease of the rows it holds by its claim token.
    await q.query(`CREATE INDEX api_key_reminder_deliveries_claim_idx
      ON api_key_reminder_deliveries (claim_token) WHERE status = 'pending'`);
    await q.query(`CREATE INDEX api_key_reminder_deliveries_user_idx ON api_key_reminder_deliveries (user_id)`);
    await q.query(`CREATE INDEX api_key_reminder_deliveries_tenant_idx ON api_key_reminder_deliveries (tenant_id)`);

    await q.query(`CREATE TABLE tenant_notification_webhooks (
      tenant_id uuid PRIMARY KEY REFERENCES tenants (id) ON DELETE CASCADE,
      url text NOT NULL CHECK (url ~ '^https?://' AND length(url) <= 2000),
      secret jsonb NOT NULL,
      created_at timestamptz NOT NULL,
      updated_at timestamptz NOT NULL
    )`);

    for (const table of TABLES) for (const sql of enableTenantIsolation(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TABLES].reverse()) {
      for (const sql of disableTenantIsolation(table)) await q.query(sql);
      await q.query(`DROP TABLE ${table}`);
    }
  }
}
