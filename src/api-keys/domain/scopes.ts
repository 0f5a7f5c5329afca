/** Scopes this module's own routes ask of an API key. */
export const API_KEY_SCOPES = {
  read: 'api_keys:read',
  write: 'api_keys:write',
  verify: 'api_keys:verify',
} as const;

/** `resource:action` (lower case, digits, `_`, `-`, `.`), or `*` for every scope. */
export const SCOPE_PATTERN = /^(\*|[a-z0-9_.-]+:[a-z0-9_.*-]+)$/;
