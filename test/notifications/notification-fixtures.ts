import { TestApp } from '../support/test-app';

export const PREFERENCES = '/v1/me/api-key-notifications/preferences';
export const SUBSCRIPTIONS = '/v1/me/api-key-notifications/subscriptions';
export const INBOX = '/v1/me/notifications';
export const subscriptionPath = (tenantId: string, keyId: string): string => `/v1/tenants/${tenantId}/api-keys/${keyId}/subscription`;

/** A tenant policy (PUT body) with the given notification policy and permissive key terms. */
export const policyWith = (notification: Record<string, unknown>): Record<string, unknown> => ({
  max_expiry_days: null,
  require_expiry: false,
  allow_public_keys: true,
  allowed_scopes: ['*'],
  notification_policy: { enabled: true, default_days_before_expiry: 7, max_days_before_expiry: 30, ...notification },
});

/** Subscriptions as stored, read past row-level security. */
export async function storedSubscriptions(t: TestApp, keyId: string): Promise<Array<{ user_id: string; source: string }>> {
  return t.dataSource.transaction(async (m) => {
    await m.query('SET LOCAL ROLE app_system');
    return m.query(`SELECT user_id, source FROM api_key_notification_subscriptions WHERE api_key_id = $1 ORDER BY user_id`, [keyId]);
  });
}
