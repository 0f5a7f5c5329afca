import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantIsolation, enableTenantIsolation } from '../src/platform/database/rls';

const REASON_CODES = [
  'security_concern',
  'abuse_detected',
  'user_request',
  'admin_action',
  'policy_violation',
  'key_compromised',
  'user_offboarding',
  'rotation_completed',
  'other',
];
const reasonCheck = (column: string): string => `${column} IS NULL OR ${column} IN (${REASON_CODES.map((c) => `'${c}'`).join(', ')})`;

/** Columns the verification path reads; the lookup function returns them all. */
const LOOKUP_COLUMNS = `id uuid, tenant_id uuid, user_id uuid, team_id uuid, key_type text, key_hash text, scopes text[],
  resource_permissions jsonb, expires_at timestamptz, revoked_at timestamptz`;
const CONTROL_COLUMNS = `permission text, scope_type text, scope_id uuid, allowed_origins text[], allowed_ips text[],
  rate_limit_per_minute integer, suspended_at timestamptz`;

/**
 * What a key may do and where, beyond its scopes: a permission level by HTTP method, a scope
 * (the tenant, one workspace subtree or one team), browser origins for public keys, client
 * addresses for secret keys, a per-key rate limit; suspension, and reason codes for suspension
 * and revocation. Keys issued before this keep what they could do: `admin` for secret keys,
 * `write` for public ones, on the whole tenant. Also the usage log, written behind in batches.
 */
export class ApiKeyControls1732320000012 implements MigrationInterface {
  name = 'ApiKeyControls1732320000012';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE api_keys
      ADD COLUMN permission text NOT NULL DEFAULT 'admin' CHECK (permission IN ('read', 'write', 'admin')),
      ADD COLUMN scope_type text NOT NULL DEFAULT 'tenant' CHECK (scope_type IN ('tenant', 'workspace', 'team')),
      ADD COLUMN scope_id uuid,
      ADD COLUMN allowed_origins text[] NOT NULL DEFAULT '{}',
      ADD COLUMN allowed_ips text[] NOT NULL DEFAULT '{}',
      ADD COLUMN rate_limit_per_minute integer CHECK (rate_limit_per_minute > 0),
      ADD COLUMN suspended_at timestamptz,
      ADD COLUMN suspension_reason_code text CHECK (${reasonCheck('suspension_reason_code')}),
      ADD COLUMN suspension_reason_text text CHECK (length(suspension_reason_text) <= 500),
      ADD COLUMN revocation_reason_code text CHECK (${reasonCheck('revocation_reason_code')}),
      ADD CONSTRAINT api_keys_scope_target CHECK ((scope_type = 'tenant') = (scope_id IS NULL)),
      ADD CONSTRAINT api_keys_suspension_reason CHECK ((suspended_at IS NULL) = (suspension_reason_code IS NULL))`);
    await q.query(`UPDATE api_keys SET permission = 'write' WHERE key_type = 'public'`);
    // Existing keys keep what they could do; a key inserted without a level from now on can write, no more.
    await q.query(`ALTER TABLE api_keys ALTER COLUMN permission SET DEFAULT 'write'`);
    await q.query(`ALTER TABLE api_keys ADD CONSTRAINT api_keys_public_limits
      CHECK (key_type = 'secret' OR (permission <> 'admin' AND allowed_ips = '{}'))`);
    // Set-based reminder and maintenance queries join on (tenant_id, id).
    await q.query(`ALTER TABLE api_keys ADD CONSTRAINT api_keys_tenant_id_id_key UNIQUE (tenant_id, id)`);

    await q.query(`DROP FUNCTION api_key_by_hash(text)`);
    await q.query(`CREATE FUNCTION api_key_by_hash(p_key_hash text)
      RETURNS TABLE (${LOOKUP_COLUMNS}, ${CONTROL_COLUMNS})
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$
        SELECT k.id, k.tenant_id, k.user_id, k.team_id, k.key_type, k.key_hash, k.scopes,
               k.resource_permissions, k.expires_at, k.revoked_at,
               k.permission, k.scope_type, k.scope_id, k.allowed_origins, k.allowed_ips,
               k.rate_limit_per_minute, k.suspended_at
        FROM public.api_keys k WHERE k.key_hash = p_key_hash
      $$`);
    await grantLookup(q);
    // Every edit sets updated_at, so every edit is announced (a writer waits for its announcement);
    // the write-behind of last_used_at does not, and stays silent.
    await q.query(`DROP TRIGGER api_keys_changed ON api_keys`);
    await q.query(`CREATE TRIGGER api_keys_changed
      AFTER UPDATE OF user_id, team_id, key_type, key_hash, scopes, resource_permissions, expires_at, revoked_at,
        permission, scope_type, scope_id, allowed_origins, allowed_ips, rate_limit_per_minute, suspended_at, updated_at OR DELETE
      ON api_keys FOR EACH ROW EXECUTE FUNCTION api_keys_announce_change()`);

    // One row per authenticated use; the key's id is not a foreign key so that batched inserts
    // stay cheap and a key's history outlives it until retention prunes it.
    await q.query(`CREATE TABLE api_key_usage (
      id bigint GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      api_key_id uuid NOT NULL,
      used_at timestamptz NOT NULL,
      method text NOT NULL,
      route text NOT NULL,
      status smallint NOT NULL,
      client_address text,
      user_agent text
    )`);
    await q.query(`CREATE INDEX api_key_usage_key_idx ON api_key_usage (api_key_id, used_at DESC, id DESC)`);
    // Rows arrive in time order, so a BRIN index serves retention's range delete at almost no write cost.
    await q.query(`CREATE INDEX api_key_usage_used_at_idx ON api_key_usage USING brin (used_at)`);
    for (const sql of enableTenantIsolation('api_key_usage')) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const sql of disableTenantIsolation('api_key_usage')) await q.query(sql);
    await q.query(`DROP TABLE api_key_usage`);
    await q.query(`DROP TRIGGER api_keys_changed ON api_keys`);
    await q.query(`CREATE TRIGGER api_keys_changed
      AFTER UPDATE OF user_id, team_id, key_type, key_hash, scopes, resource_permissions, expires_at, revoked_at OR DELETE
      ON api_keys FOR EACH ROW EXECUTE FUNCTION api_keys_announce_change()`);
    await q.query(`DROP FUNCTION api_key_by_hash(text)`);
    await q.query(`CREATE FUNCTION api_key_by_hash(p_key_hash text)
      RETURNS TABLE (${LOOKUP_COLUMNS})
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$
        SELECT k.id, k.tenant_id, k.user_id, k.team_id, k.key_type, k.key_hash, k.scopes,
               k.resource_permissions, k.expires_at, k.revoked_at
        FROM public.api_keys k WHERE k.key_hash = p_key_hash
      $$`);
    await grantLookup(q);
    await q.query(`ALTER TABLE api_keys DROP CONSTRAINT api_keys_tenant_id_id_key`);
    await q.query(`ALTER TABLE api_keys DROP CONSTRAINT api_keys_public_limits`);
    await q.query(`ALTER TABLE api_keys
      DROP COLUMN permission, DROP COLUMN scope_type, DROP COLUMN scope_id, DROP COLUMN allowed_origins,
      DROP COLUMN allowed_ips, DROP COLUMN rate_limit_per_minute, DROP COLUMN suspended_at,
      DROP COLUMN suspension_reason_code, DROP COLUMN suspension_reason_text, DROP COLUMN revocation_reason_code`);
  }
}

async function grantLookup(q: QueryRunner): Promise<void> {
  await q.query(`REVOKE ALL ON FUNCTION api_key_by_hash(text) FROM PUBLIC`);
  await q.query(`REVOKE ALL ON FUNCTION api_key_by_hash(text) FROM app_system`);
  await q.query(`GRANT EXECUTE ON FUNCTION api_key_by_hash(text) TO app_user`);
}
