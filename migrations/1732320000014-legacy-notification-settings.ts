import { MigrationInterface, QueryRunner } from 'typeorm';

const UUID = `'^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$'`;
const BLOB = `settings -> 'chatbot_widget' -> 'api_key_notifications'`;

/** The largest number in a jsonb value that is a number or a list of (some) numbers; NULL when there is none. */
const largestNumber = (value: string) => `(SELECT max(CASE WHEN jsonb_typeof(v) = 'number' THEN (v #>> '{}')::numeric END)
  FROM jsonb_array_elements(CASE jsonb_typeof(${value}) WHEN 'array' THEN ${value} WHEN 'number' THEN jsonb_build_array(${value})
    ELSE '[]'::jsonb END) AS x(v))`;
/** A day count from a legacy value: the largest number, rounded up, at most 365; NULL below `min`. */
const days = (value: string, min: number) =>
  `(SELECT CASE WHEN n IS NULL OR n < ${min} THEN NULL ELSE least(ceil(n), 365)::int END FROM (SELECT ${largestNumber(value)} AS n) AS l)`;

/**
 * Moves API key notification settings that older deployments kept as JSON into the tables.
 *
 * The legacy blob is `tenants.settings -> chatbot_widget -> api_key_notifications`, an object
 * keyed by user id:
 *   { "<user id>": { "enabled": bool, "days_before_expiry": n | [n, ...], "subscriptions": ["<api key id>", ...] },
 *     "policy": { "enabled": bool, "default_days_before_expiry": n | [...], "max_days_before_expiry": n | [...] } }
 * - Each entry naming a user of the tenant becomes a preference row (a row the user already has
 *   wins); a list of days becomes its largest number (the earliest warning), rounded up and at
 *   most 365; no usable number, or one below 1, means the tenant default. Entries whose key is
 *   not a user id of the tenant, or whose value is not an object, are skipped and counted.
 * - Each subscription naming a key of the tenant becomes a manual subscription; ids that are not
 *   UUIDs, or name no key of the tenant, are skipped and counted.
 * - `policy` fills `tenants.api_key_policy.notification_policy` where the tenant has none. Day
 *   lists there (legacy or moved) become their largest number, and a default above the maximum
 *   comes down to it, as the policy API requires.
 * - The blob key is removed, whatever its shape. A second run finds nothing left to move.
 * Set-based throughout; the counts go to the migration log, and nothing here fails on bad data.
 */
export class LegacyNotificationSettings1732320000014 implements MigrationInterface {
  name = 'LegacyNotificationSettings1732320000014';

  async up(q: QueryRunner): Promise<void> {
    const [{ blobs, corrupt }] = await q.query(`SELECT count(*)::int AS blobs, count(*) FILTER (WHERE jsonb_typeof(${BLOB}) <> 'object')::int AS corrupt
      FROM tenants WHERE jsonb_typeof(settings -> 'chatbot_widget') = 'object' AND settings -> 'chatbot_widget' ? 'api_key_notifications'`);

    await q.query(`CREATE TEMP TABLE legacy_notification_entries ON COMMIT DROP AS
      SELECT t.id AS tenant_id, e.key AS entry_key, e.value AS entry,
        CASE WHEN e.key ~* ${UUID} AND jsonb_typeof(e.value) = 'object' THEN e.key::uuid END AS user_id
      FROM tenants t CROSS JOIN LATERAL jsonb_each(CASE WHEN jsonb_typeof(t.${BLOB}) = 'object' THEN t.${BLOB} ELSE '{}'::jsonb END) e`);
    // Only users of the entry's own tenant.
    await q.query(`CREATE TEMP TABLE legacy_notification_users ON COMMIT DROP AS
      SELECT e.tenant_id, u.id AS user_id, e.entry FROM legacy_notification_entries e JOIN users u ON u.id = e.user_id AND u.tenant_id = e.tenant_id`);
    const [{ skipped_users }] = await q.query(`SELECT count(*)::int AS skipped_users FROM legacy_notification_entries e
      WHERE e.entry_key <> 'policy' AND NOT EXISTS (SELECT 1 FROM legacy_notification_users u WHERE u.tenant_id = e.tenant_id AND u.user_id = e.user_id)`);

    const preferences: unknown[] = await q.query(`INSERT INTO api_key_notification_preferences (user_id, tenant_id, enabled, days_before_expiry)
      SELECT user_id, tenant_id, CASE WHEN jsonb_typeof(entry -> 'enabled') = 'boolean' THEN (entry ->> 'enabled')::boolean ELSE true END,
        ${days(`entry -> 'days_before_expiry'`, 1)}
      FROM legacy_notification_users
      ON CONFLICT (user_id) DO NOTHING RETURNING user_id`);

    await q.query(`CREATE TEMP TABLE legacy_notification_subscriptions ON COMMIT DROP AS
      SELECT u.tenant_id, u.user_id,
        CASE WHEN jsonb_typeof(s.value) = 'string' AND (s.value #>> '{}') ~* ${UUID} THEN (s.value #>> '{}')::uuid END AS api_key_id
      FROM legacy_notification_users u CROSS JOIN LATERAL jsonb_array_elements(
        CASE WHEN jsonb_typeof(u.entry -> 'subscriptions') = 'array' THEN u.entry -> 'subscriptions' ELSE '[]'::jsonb END) s`);
    const [{ not_uuid, unknown_key }] = await q.query(`SELECT count(*) FILTER (WHERE s.api_key_id IS NULL)::int AS not_uuid,
        count(*) FILTER (WHERE s.api_key_id IS NOT NULL AND k.id IS NULL)::int AS unknown_key
      FROM legacy_notification_subscriptions s LEFT JOIN api_keys k ON k.id = s.api_key_id AND k.tenant_id = s.tenant_id`);
    const subscriptions: unknown[] = await q.query(`INSERT INTO api_key_notification_subscriptions (user_id, api_key_id, tenant_id, source)
      SELECT DISTINCT s.user_id, s.api_key_id, s.tenant_id, 'manual'
      FROM legacy_notification_subscriptions s JOIN api_keys k ON k.id = s.api_key_id AND k.tenant_id = s.tenant_id
      ON CONFLICT (api_key_id, user_id) DO NOTHING RETURNING user_id`);

    const policies = await this.movePolicies(q);
    await q.query(`UPDATE tenants SET settings = settings #- '{chatbot_widget,api_key_notifications}'
      WHERE jsonb_typeof(settings -> 'chatbot_widget') = 'object' AND settings -> 'chatbot_widget' ? 'api_key_notifications'`);

    q.connection.logger.logMigration(
      `${this.name}: ${blobs} legacy blobs (${corrupt} not an object, removed); ` +
        `${preferences.length} preference rows created, ${skipped_users} entries skipped (not a user of the tenant, or not an object); ` +
        `${subscriptions.length} subscriptions created, ${not_uuid} skipped as not UUIDs, ${unknown_key} skipped as naming no key of the tenant; ` +
        `${policies} tenant notification policies normalized`,
      q,
    );
  }

  /** The blob's policy where the tenant has none, then one number per day value (a default at most the maximum). Returns how many tenants changed. */
  private async movePolicies(q: QueryRunner): Promise<number> {
    await q.query(`UPDATE tenants t SET api_key_policy = jsonb_set(
        CASE WHEN jsonb_typeof(t.api_key_policy) = 'object' THEN t.api_key_policy ELSE '{}'::jsonb END, '{notification_policy}',
        jsonb_strip_nulls(jsonb_build_object(
          'enabled', CASE WHEN jsonb_typeof(e.entry -> 'enabled') = 'boolean' THEN e.entry -> 'enabled' END,
          'default_days_before_expiry', e.entry -> 'default_days_before_expiry',
          'max_days_before_expiry', e.entry -> 'max_days_before_expiry')))
      FROM legacy_notification_entries e
      WHERE e.tenant_id = t.id AND e.entry_key = 'policy' AND jsonb_typeof(e.entry) = 'object'
        AND jsonb_typeof(t.api_key_policy -> 'notification_policy') IS DISTINCT FROM 'object'`);
    // An UPDATE answers [rows, affected count].
    const [, changed]: [unknown[], number] = await q.query(`WITH day_values AS (
        SELECT id, api_key_policy -> 'notification_policy' AS np,
          ${days(`api_key_policy -> 'notification_policy' -> 'default_days_before_expiry'`, 0)} AS d,
          ${days(`api_key_policy -> 'notification_policy' -> 'max_days_before_expiry'`, 0)} AS m
        FROM tenants WHERE jsonb_typeof(api_key_policy -> 'notification_policy') = 'object'
      ), normalized AS (
        SELECT id, np, (np - 'default_days_before_expiry' - 'max_days_before_expiry')
          || jsonb_strip_nulls(jsonb_build_object('default_days_before_expiry', least(d, coalesce(m, d)), 'max_days_before_expiry', m)) AS next
        FROM day_values
      )
      UPDATE tenants t SET api_key_policy = jsonb_set(t.api_key_policy, '{notification_policy}', n.next)
      FROM normalized n WHERE n.id = t.id AND n.next IS DISTINCT FROM n.np`);
    return changed;
  }

  /** The data stays in the tables (the previous migration's down() drops them); the blob is not rebuilt. */
  async down(): Promise<void> {}
}
