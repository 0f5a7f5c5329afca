import { MigrationInterface, QueryRunner } from 'typeorm';

const LOOKUP_COLUMNS = `id uuid, tenant_id uuid, user_id uuid, team_id uuid, key_type text, key_hash text, scopes text[],
  resource_permissions jsonb, expires_at timestamptz, revoked_at timestamptz`;
const CONTROL_COLUMNS = `permission text, scope_type text, scope_id uuid, allowed_origins text[], allowed_ips text[],
  rate_limit_per_minute integer, suspended_at timestamptz`;
const SELECTED = `k.id, k.tenant_id, k.user_id, k.team_id, k.key_type, k.key_hash, k.scopes,
  k.resource_permissions, k.expires_at, k.revoked_at,
  k.permission, k.scope_type, k.scope_id, k.allowed_origins, k.allowed_ips,
  k.rate_limit_per_minute, k.suspended_at`;
const OWNER_COLUMNS = `owner_disabled_at timestamptz, owner_role text, owner_is_system_admin boolean`;
const OWNER_SELECTED = `u.disabled_at, u.role, u.is_system_admin`;

/** Same channel and payload (a key id) as the api_keys trigger, so every instance's cache hears it the same way. */
const CHANNEL = 'api_key_changes';

/**
 * A key follows its owner: the lookup function also returns the owner's disabled state and role
 * (a disabled owner's keys stop; a demoted owner's keys lose what the owner no longer has), and a
 * change of either announces every key of that owner. Deleting a user deletes its keys (ON DELETE
 * CASCADE), which the api_keys trigger already announces.
 */
export class ApiKeyOwnerState1732320000018 implements MigrationInterface {
  name = 'ApiKeyOwnerState1732320000018';

  async up(q: QueryRunner): Promise<void> {
    await replaceLookup(
      q,
      `${LOOKUP_COLUMNS}, ${CONTROL_COLUMNS}, revocation_reason_code text, ${OWNER_COLUMNS}`,
      `${SELECTED}, k.revocation_reason_code, ${OWNER_SELECTED}`,
      // Every key has its owner (foreign key with cascade), so the join drops no key.
      ' JOIN public.users u ON u.tenant_id = k.tenant_id AND u.id = k.user_id',
    );
    // Finds an owner's keys for the announcement (and for the cascade when a user goes).
    await q.query(`CREATE INDEX api_keys_tenant_user_idx ON api_keys (tenant_id, user_id)`);
    // Definer's rights: the owner's keys are announced whichever tenant, if any, the writer is bound to.
    await q.query(`CREATE FUNCTION api_keys_announce_owner_change() RETURNS trigger
      LANGUAGE plpgsql SECURITY DEFINER SET search_path = pg_catalog, pg_temp
      AS $$ BEGIN
        PERFORM pg_notify('${CHANNEL}', k.id::text) FROM public.api_keys k WHERE k.tenant_id = NEW.tenant_id AND k.user_id = NEW.id;
        RETURN NULL;
      END $$`);
    await q.query(`REVOKE ALL ON FUNCTION api_keys_announce_owner_change() FROM PUBLIC`);
    await q.query(`CREATE TRIGGER users_key_owner_changed
      AFTER UPDATE OF role, disabled_at, is_system_admin ON users FOR EACH ROW
      WHEN (OLD.role IS DISTINCT FROM NEW.role OR OLD.disabled_at IS DISTINCT FROM NEW.disabled_at
        OR OLD.is_system_admin IS DISTINCT FROM NEW.is_system_admin)
      EXECUTE FUNCTION api_keys_announce_owner_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TRIGGER users_key_owner_changed ON users`);
    await q.query(`DROP FUNCTION api_keys_announce_owner_change()`);
    await q.query(`DROP INDEX api_keys_tenant_user_idx`);
    await replaceLookup(q, `${LOOKUP_COLUMNS}, ${CONTROL_COLUMNS}, revocation_reason_code text`, `${SELECTED}, k.revocation_reason_code`, '');
  }
}

async function replaceLookup(q: QueryRunner, columns: string, selected: string, join: string): Promise<void> {
  await q.query(`DROP FUNCTION api_key_by_hash(text)`);
  await q.query(`CREATE FUNCTION api_key_by_hash(p_key_hash text)
    RETURNS TABLE (${columns})
    LANGUAGE sql STABLE SECURITY DEFINER SET search_path = pg_catalog, pg_temp
    AS $$ SELECT ${selected} FROM public.api_keys k${join} WHERE k.key_hash = p_key_hash $$`);
  await q.query(`REVOKE ALL ON FUNCTION api_key_by_hash(text) FROM PUBLIC`);
  await q.query(`REVOKE ALL ON FUNCTION api_key_by_hash(text) FROM app_system`);
  await q.query(`GRANT EXECUTE ON FUNCTION api_key_by_hash(text) TO app_user`);
}
