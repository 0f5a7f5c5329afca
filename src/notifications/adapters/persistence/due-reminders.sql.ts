/**
 * A subscribed key that expired at most this many days ago still gets its one `expired` notice;
 * older expiries (e.g. when reminders are first switched on) are not announced.
 */
export const EXPIRED_NOTICE_DAYS = 7;

// A tenant's notification policy from `api_key_policy`, with DEFAULT_KEY_POLICY's values for
// whatever it never set (a value that is not a number or boolean reads as unset too).
const policyInt = (field: string, fallback: number): string =>
  `coalesce(CASE WHEN jsonb_typeof(p.np -> '${field}') = 'number' THEN (p.np ->> '${field}')::numeric::int END, ${fallback})`;
const policyBool = (field: string, fallback: boolean): string =>
  `coalesce(CASE WHEN jsonb_typeof(p.np -> '${field}') = 'boolean' THEN (p.np ->> '${field}')::boolean END, ${fallback})`;

/**
 * Every reminder due at $1, as delivery rows, in one statement: no query per key or per user.
 *
 * - candidates: live keys (not revoked, rotating or suspended) whose expiry lies between
 *   $3 days ago and the largest notice window of any tenant, read through the partial index
 *   on live keys' expiry;
 * - due: their subscribers whose effective notice period, coalesce(preference, tenant default)
 *   capped at the tenant maximum, reaches the expiry (or the key has expired: `expired`),
 *   unless the tenant's policy or the user's preference is disabled;
 * - one row on `in_app` plus one per preferred channel offered here ($2; `webhook` only for
 *   tenants that have one). The unique (key, user, expires_at, kind, channel) makes a reminder
 *   once per expiry: rows that exist already are left alone (ON CONFLICT DO NOTHING).
 *
 * Parameters: $1 now, $2 channels offered (text[]), $3 EXPIRED_NOTICE_DAYS.
 */
export const DUE_REMINDERS_SQL = `
WITH policies AS (
  SELECT t.id AS tenant_id,
         ${policyBool('enabled', true)} AS enabled,
         ${policyInt('default_days_before_expiry', 7)} AS default_days,
         ${policyInt('max_days_before_expiry', 30)} AS max_days
  FROM tenants t
  CROSS JOIN LATERAL (SELECT CASE WHEN jsonb_typeof(t.api_key_policy -> 'notification_policy') = 'object'
                                  THEN t.api_key_policy -> 'notification_policy' ELSE '{}'::jsonb END AS np) p
),
horizon AS (
  SELECT coalesce(max(max_days), 0) AS days FROM policies WHERE enabled
),
candidates AS (
  SELECT k.id, k.tenant_id, k.expires_at
  FROM api_keys k, horizon h
  WHERE k.revoked_at IS NULL AND k.expires_at IS NOT NULL AND k.suspended_at IS NULL
    AND k.expires_at > $1::timestamptz - make_interval(days => $3::int)
    AND k.expires_at <= $1::timestamptz + make_interval(days => h.days)
),
due AS (
  SELECT c.tenant_id, c.id AS api_key_id, s.user_id, c.expires_at,
         CASE WHEN c.expires_at <= $1::timestamptz THEN 'expired' ELSE 'expiring' END AS kind,
         coalesce(pr.channels, '{email}'::text[]) AS channels
  FROM candidates c
  JOIN policies po ON po.tenant_id = c.tenant_id AND po.enabled
  JOIN api_key_notification_subscriptions s ON s.api_key_id = c.id
  LEFT JOIN api_key_notification_preferences pr ON pr.user_id = s.user_id
  WHERE coalesce(pr.enabled, true)
    AND c.expires_at <= $1::timestamptz
        + make_interval(days => least(coalesce(pr.days_before_expiry, po.default_days), po.max_days))
),
created AS (
  INSERT INTO api_key_reminder_deliveries
    (tenant_id, api_key_id, user_id, expires_at, kind, channel, next_attempt_at, created_at)
  SELECT d.tenant_id, d.api_key_id, d.user_id, d.expires_at, d.kind, ch.channel, $1::timestamptz, $1::timestamptz
  FROM due d
  CROSS JOIN LATERAL unnest(ARRAY['in_app']::text[] || d.channels) AS ch(channel)
  WHERE ch.channel = 'in_app'
     OR (ch.channel = ANY($2::text[])
         AND (ch.channel <> 'webhook' OR EXISTS (SELECT 1 FROM tenant_notification_webhooks w WHERE w.tenant_id = d.tenant_id)))
  ON CONFLICT ON CONSTRAINT api_key_reminder_deliveries_once DO NOTHING
  RETURNING 1
)
SELECT (SELECT count(*) FROM candidates)::int AS keys_scanned, (SELECT count(*) FROM created)::int AS created`;
