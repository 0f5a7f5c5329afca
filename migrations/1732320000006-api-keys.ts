import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantIsolation, enableTenantIsolation } from '../src/platform/database/rls';

/** Channel on which every change that can invalidate a cached key is announced (payload: key id). */
export const API_KEY_CHANGES_CHANNEL = 'api_key_changes';

/**
 * API keys: only a display prefix and an HMAC of each key are stored. A key belongs to a user of
 * its tenant and optionally a team; it goes with any of them (ON DELETE CASCADE). A rotated key
 * carries a future `revoked_at` (the end of its grace period), so "live" means not revoked.
 *
 * Verification happens before the tenant is known, so one narrow SECURITY DEFINER function reads
 * a key by hash past row-level security; it runs with its owner's rights, which must bypass RLS
 * (the migrating role: a superuser, or one with BYPASSRLS). A trigger announces every change that
 * matters to a cached key, however it happens (edit, revoke, rotation, tenant or team deletion).
 */
export class ApiKeys1732320000006 implements MigrationInterface {
  name = 'ApiKeys1732320000006';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE api_keys (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      user_id uuid NOT NULL,
      team_id uuid,
      name text NOT NULL CHECK (length(name) BETWEEN 1 AND 200),
      key_type text NOT NULL CHECK (key_type IN ('secret', 'public')),
      key_prefix text NOT NULL,
      key_hash text NOT NULL,
      scopes text[] NOT NULL DEFAULT '{}',
      resource_permissions jsonb NOT NULL DEFAULT '[]'::jsonb CHECK (jsonb_typeof(resource_permissions) = 'array'),
      expires_at timestamptz,
      last_used_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      revoked_at timestamptz,
      revocation_reason text,
      rotated_from_id uuid REFERENCES api_keys (id) ON DELETE SET NULL,
      CONSTRAINT api_keys_public_without_resource_permissions CHECK (key_type = 'secret' OR resource_permissions = '[]'::jsonb),
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE UNIQUE INDEX api_keys_key_hash_key ON api_keys (key_hash)`);
    await q.query(`CREATE INDEX api_keys_tenant_revoked_idx ON api_keys (tenant_id, revoked_at)`);
    await q.query(`CREATE INDEX api_keys_live_expiry_idx ON api_keys (expires_at) WHERE revoked_at IS NULL AND expires_at IS NOT NULL`);
    await q.query(`CREATE INDEX api_keys_tenant_created_idx ON api_keys (tenant_id, created_at, id)`);
    // Names are unique among the live keys of a team, or of an owner for keys without a team.
    await q.query(
      `CREATE UNIQUE INDEX api_keys_live_name_key ON api_keys (tenant_id, coalesce(team_id, user_id), lower(name)) WHERE revoked_at IS NULL`,
    );
    for (const sql of enableTenantIsolation('api_keys')) await q.query(sql);

    await q.query(`CREATE FUNCTION api_key_by_hash(p_key_hash text)
      RETURNS TABLE (id uuid, tenant_id uuid, user_id uuid, team_id uuid, key_type text, key_hash text, scopes text[],
                     resource_permissions jsonb, expires_at timestamptz, revoked_at timestamptz)
      LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$
        SELECT k.id, k.tenant_id, k.user_id, k.team_id, k.key_type, k.key_hash, k.scopes,
               k.resource_permissions, k.expires_at, k.revoked_at
        FROM public.api_keys k WHERE k.key_hash = p_key_hash
      $$`);
    await q.query(`REVOKE ALL ON FUNCTION api_key_by_hash(text) FROM PUBLIC`);
    await q.query(`REVOKE ALL ON FUNCTION api_key_by_hash(text) FROM app_system`);
    await q.query(`GRANT EXECUTE ON FUNCTION api_key_by_hash(text) TO app_user`);

    await q.query(`CREATE FUNCTION api_keys_announce_change() RETURNS trigger
      LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp
      AS $$ BEGIN PERFORM pg_notify('${API_KEY_CHANGES_CHANNEL}', OLD.id::text); RETURN NULL; END $$`);
    // last_used_at is written behind in batches and changes nothing a cache holds: not announced.
    await q.query(`CREATE TRIGGER api_keys_changed
      AFTER UPDATE OF user_id, team_id, key_type, key_hash, scopes, resource_permissions, expires_at, revoked_at OR DELETE
      ON api_keys FOR EACH ROW EXECUTE FUNCTION api_keys_announce_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER api_keys_changed ON api_keys`);
    await q.query(`DROP FUNCTION api_keys_announce_change()`);
    await q.query(`DROP FUNCTION api_key_by_hash(text)`);
    for (const sql of disableTenantIsolation('api_keys')) await q.query(sql);
    await q.query(`DROP TABLE api_keys`);
  }
}
