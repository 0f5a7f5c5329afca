/** One entry of a user's in-app inbox. */
export interface InboxNotification {
  id: string;
  tenantId: string;
  userId: string;
  /** What happened, e.g. `api_key.expiring`; the payload's shape follows the kind. */
  kind: string;
  payload: Record<string, unknown>;
  createdAt: Date;
  readAt: Date | null;
}

/** One followed key, with what the list shows of it. */
export interface KeySubscription {
  userId: string;
  apiKeyId: string;
  tenantId: string;
  source: 'auto' | 'manual';
  createdAt: Date;
  key: { name: string; keyPrefix: string; teamId: string | null; expiresAt: Date | null; revokedAt: Date | null };
}
