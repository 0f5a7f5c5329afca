import { MigrationInterface, QueryRunner } from 'typeorm';

const LOOKUP_COLUMNS = `id uuid, tenant_id uuid, user_id uuid, team_id uuid, key_type text, key_hash text, scopes text[],
  resource_permissions jsonb, expires_at timestamptz, revoked_at timestamptz`;
const CONTROL_COLUMNS = `permission text, scope_type text, scope_id uuid, allowed_origins text[], allowed_ips text[],
  rate_limit_per_minute integer, suspended_at timestamptz`;
const SELECTED = `k.id, k.tenant_id, k.user_id, k.team_id, k.key_type, k.key_hash, k.scopes,
  k.resource_permissions, k.expires_at, k.revoked_at,
  k.permission, k.scope_type, k.scope_id, k.allowed_origins, k.allowed_ips,
  k.rate_limit_per_minute, k.suspended_at`;

/**
 * Key lifecycle: the lookup function also returns the revocation reason code, which tells an
 * outright revocation (it wins over expiry) from a rotation whose grace ran out (expiry wins).
 * Keys revoked outright before reason codes existed get `other`; rotated-out keys keep no code
 * until maintenance records `rotation_completed`, found through the pending-rotation index.
 */
export class ApiKeyLifecycle1732320000017 implements MigrationInterface {
  name = 'ApiKeyLifecycle1732320000017';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`UPDATE api_keys k SET revocation_reason_code = 'other'
      WHERE k.revoked_at IS NOT NULL AND k.revocation_reason_code IS NULL
        AND NOT EXISTS (SELECT 1 FROM api_keys n WHERE n.rotated_from_id = k.id)`);
    await q.query(`CREATE INDEX api_keys_rotation_pending_idx ON api_keys (revoked_at)
      WHERE revoked_at IS NOT NULL AND revocation_reason_code IS NULL`);
    await q.query(`CREATE INDEX api_keys_rotated_from_idx ON api_keys (rotated_from_id) WHERE rotated_from_id IS NOT NULL`);
    await replaceLookup(q, `${LOOKUP_COLUMNS}, ${CONTROL_COLUMNS}, revocation_reason_code text`, `${SELECTED}, k.revocation_reason_code`);
  }

  async down(q: QueryRunner): Promise<void> {
    await replaceLookup(q, `${LOOKUP_COLUMNS}, ${CONTROL_COLUMNS}`, SELECTED);
    await q.query(`DROP INDEX api_keys_rotated_from_idx`);
    await q.query(`DROP INDEX api_keys_rotation_pending_idx`);
  }
}

async function replaceLookup(q: QueryRunner, columns: string, selected: string): Promise<void> {
  await q.query(`DROP FUNCTION api_key_by_hash(text)`);
  await q.query(`CREATE FUNCTION api_key_by_hash(p_key_hash text)
    RETURNS TABLE (${columns})
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT ${selected} FROM public.api_keys k WHERE k.key_hash = p_key_hash $$`);
  await q.query(`REVOKE ALL ON FUNCTION api_key_by_hash(text) FROM PUBLIC`);
  await q.query(`REVOKE ALL ON FUNCTION api_key_by_hash(text) FROM app_system`);
  await q.query(`GRANT EXECUTE ON FUNCTION api_key_by_hash(text) TO app_user`);
}
