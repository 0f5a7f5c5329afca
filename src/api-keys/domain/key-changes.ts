import type { ApiKey } from './api-key';

/** One edited field of a key as the audit trail shows it: never a secret (a key holds none but its hash). */
export interface KeyFieldChange {
  field: string;
  old: unknown;
  new: unknown;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

/** The editable fields of a key, by their API names, in a comparable form. */
const AUDITED_FIELDS: Record<string, (key: ApiKey) => unknown> = {
  name: (key) => key.name,
  team_id: (key) => key.teamId,
  expires_at: (key) => iso(key.expiresAt),
  scopes: (key) => key.scopes,
  resource_permissions: (key) => key.resourcePermissions,
  permission: (key) => key.permission,
  scope: (key) => key.scope,
  allowed_origins: (key) => key.allowedOrigins,
  allowed_ips: (key) => key.allowedIps,
  rate_limit_per_minute: (key) => key.rateLimitPerMinute,
};

/** The fields an edit changed, with their old and new values. */
export function keyChanges(before: ApiKey, after: ApiKey): KeyFieldChange[] {
  const changes: KeyFieldChange[] = [];
  for (const [field, read] of Object.entries(AUDITED_FIELDS)) {
    const old = read(before);
    const now = read(after);
    if (JSON.stringify(old) !== JSON.stringify(now)) changes.push({ field, old, new: now });
  }
  return changes;
}

/** What the audit trail keeps about a key when it is created: its settings, not its secret or hash. */
export function keySnapshot(key: ApiKey): Record<string, unknown> {
  const snapshot: Record<string, unknown> = { type: key.type, key_prefix: key.keyPrefix, owner_id: key.userId };
  for (const [field, read] of Object.entries(AUDITED_FIELDS)) snapshot[field] = read(key);
  return snapshot;
}
