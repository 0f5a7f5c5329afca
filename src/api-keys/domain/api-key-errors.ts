import { DomainError } from '../../platform/kernel';

/** Every API key failure a caller can see, each with its stable code. */

/** Why a presented key does not authenticate; the same codes appear in verify answers. */
export type KeyRejection = 'API_KEY_INVALID' | 'API_KEY_EXPIRED' | 'API_KEY_REVOKED' | 'API_KEY_SUSPENDED' | 'API_KEY_OWNER_DISABLED';

const REJECTION_MESSAGES: Record<KeyRejection, string> = {
  API_KEY_INVALID: 'The API key is malformed or unknown',
  API_KEY_EXPIRED: 'The API key has expired',
  API_KEY_REVOKED: 'The API key has been revoked',
  API_KEY_SUSPENDED: 'The API key is suspended',
  API_KEY_OWNER_DISABLED: "The API key's owner is disabled",
};

export class ApiKeyRejected extends DomainError {
  readonly kind = 'unauthenticated';
  constructor(readonly code: KeyRejection) {
    super(REJECTION_MESSAGES[code]);
  }
}

export class ApiKeyScopeMissing extends DomainError {
  readonly code = 'API_KEY_SCOPE_MISSING';
  readonly kind = 'forbidden';
  constructor(scope: string) {
    super(`The API key lacks the "${scope}" scope`, { required_scope: scope });
  }
}

export class ApiKeyAttemptsThrottled extends DomainError {
  readonly code = 'API_KEY_ATTEMPTS_THROTTLED';
  readonly kind = 'rate_limited';
  constructor(retryAfterSeconds: number) {
    super('Too many failed API key attempts from this client; try again later');
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class ApiKeyNotFound extends DomainError {
  readonly code = 'API_KEY_NOT_FOUND';
  readonly kind = 'not_found';
  constructor() {
    super('API key not found');
  }
}

export class ApiKeyNameTaken extends DomainError {
  readonly code = 'API_KEY_NAME_TAKEN';
  readonly kind = 'conflict';
  constructor(name: string) {
    super(`A live key named "${name}" already exists for this team or owner`);
  }
}

export class ApiKeyAlreadyRevoked extends DomainError {
  readonly code = 'API_KEY_ALREADY_REVOKED';
  readonly kind = 'conflict';
  constructor() {
    super('The API key is revoked');
  }
}

export class ResourcePermissionsSecretOnly extends DomainError {
  readonly code = 'RESOURCE_PERMISSIONS_SECRET_ONLY';
  readonly kind = 'invalid';
  constructor() {
    super('Only secret keys may carry resource permissions');
  }
}

export class ExpiryExceedsPolicy extends DomainError {
  readonly code = 'API_KEY_EXPIRY_EXCEEDS_POLICY';
  readonly kind = 'invalid';
  constructor(maxExpiryDays: number, latest: Date) {
    super(`The tenant's key policy allows at most ${maxExpiryDays} days of validity`, {
      max_expiry_days: maxExpiryDays,
      latest_expires_at: latest.toISOString(),
    });
  }
}

export class ExpiryRequired extends DomainError {
  readonly code = 'API_KEY_EXPIRY_REQUIRED';
  readonly kind = 'invalid';
  constructor() {
    super("The tenant's key policy requires an expiry");
  }
}

export class ExpiryNotInFuture extends DomainError {
  readonly code = 'API_KEY_EXPIRY_IN_PAST';
  readonly kind = 'invalid';
  constructor() {
    super('expires_at must be in the future');
  }
}

export class ExpiryAmbiguous extends DomainError {
  readonly code = 'API_KEY_EXPIRY_AMBIGUOUS';
  readonly kind = 'invalid';
  constructor() {
    super('Give expires_at or expires_in_days, not both');
  }
}

export class PublicKeysNotAllowed extends DomainError {
  readonly code = 'API_KEY_PUBLIC_NOT_ALLOWED';
  readonly kind = 'invalid';
  constructor() {
    super("The tenant's key policy does not allow public keys");
  }
}

export class ScopeNotAllowed extends DomainError {
  readonly code = 'API_KEY_SCOPE_NOT_ALLOWED';
  readonly kind = 'invalid';
  constructor(scopes: string[], allowed: string[]) {
    super(`Scopes not allowed by the tenant's key policy: ${scopes.join(', ')}`, { scopes, allowed_scopes: allowed });
  }
}

export class InvalidKeyPolicy extends DomainError {
  readonly code = 'API_KEY_POLICY_INVALID';
  readonly kind = 'invalid';
  constructor(message: string) {
    super(message);
  }
}

export class KeyOwnerOutsideTenant extends DomainError {
  readonly code = 'API_KEY_OWNER_OUTSIDE_TENANT';
  readonly kind = 'forbidden';
  constructor() {
    super('A key is owned by a user of its tenant; create it as one');
  }
}

export class KeyTeamNotFound extends DomainError {
  readonly code = 'TEAM_NOT_FOUND';
  readonly kind = 'not_found';
  constructor() {
    super('Team not found');
  }
}

export class ApiKeyForbidden extends DomainError {
  readonly code = 'FORBIDDEN';
  readonly kind = 'forbidden';
  constructor(message = 'Not allowed') {
    super(message);
  }
}

export class KeyTenantNotFound extends DomainError {
  readonly code = 'TENANT_NOT_FOUND';
  readonly kind = 'not_found';
  constructor() {
    super('Tenant not found');
  }
}

// Lifecycle: suspension, reactivation and revocation reasons.

export class ApiKeyAlreadySuspended extends DomainError {
  readonly code = 'API_KEY_ALREADY_SUSPENDED';
  readonly kind = 'conflict';
  constructor() {
    super('The API key is already suspended');
  }
}

export class ApiKeyNotSuspended extends DomainError {
  readonly code = 'API_KEY_NOT_SUSPENDED';
  readonly kind = 'conflict';
  constructor() {
    super('The API key is not suspended');
  }
}

export class ApiKeyAlreadyExpired extends DomainError {
  readonly code = 'API_KEY_ALREADY_EXPIRED';
  readonly kind = 'conflict';
  constructor() {
    super('The API key has expired; extend its expiry first');
  }
}

export class RevocationReasonAmbiguous extends DomainError {
  readonly code = 'API_KEY_REASON_AMBIGUOUS';
  readonly kind = 'invalid';
  constructor() {
    super('Give reason_text, or the deprecated reason, not both');
  }
}

// What a key may do and where: permission levels, scope, origins, client addresses.

export class PermissionTooLow extends DomainError {
  readonly code = 'API_KEY_PERMISSION_TOO_LOW';
  readonly kind = 'forbidden';
  constructor(held: string, required: string) {
    super(`The API key's "${held}" permission does not allow this request; it needs "${required}"`, { permission: held, required_permission: required });
  }
}

export class PermissionExceedsCreator extends DomainError {
  readonly code = 'API_KEY_PERMISSION_EXCEEDS_CREATOR';
  readonly kind = 'forbidden';
  constructor(requested: string, ceiling: string) {
    super(`A key cannot get more than its creator has: at most "${ceiling}"`, { permission: requested, max_permission: ceiling });
  }
}

export class ApiKeyOutOfScope extends DomainError {
  readonly code = 'API_KEY_OUT_OF_SCOPE';
  readonly kind = 'forbidden';
  constructor(scope: { type: string; id?: string }) {
    super("The request is outside the API key's scope", { scope });
  }
}

export class ScopeTargetNotFound extends DomainError {
  readonly code = 'API_KEY_SCOPE_TARGET_NOT_FOUND';
  readonly kind = 'not_found';
  constructor(type: string, id: string) {
    super(`No ${type} ${id} in this tenant to scope the key to`, { scope: { type, id } });
  }
}

export class KeyScopeTeamMismatch extends DomainError {
  readonly code = 'API_KEY_SCOPE_TEAM_MISMATCH';
  readonly kind = 'invalid';
  constructor() {
    super('A team-scoped key belongs to that team: team_id must be the scope\'s team or omitted');
  }
}

export class OriginNotAllowed extends DomainError {
  readonly code = 'API_KEY_ORIGIN_NOT_ALLOWED';
  readonly kind = 'forbidden';
  constructor() {
    super('This public key may not be used from this origin');
  }
}

export class IpNotAllowed extends DomainError {
  readonly code = 'API_KEY_IP_NOT_ALLOWED';
  readonly kind = 'forbidden';
  constructor() {
    super('This API key may not be used from this address');
  }
}

export class KeyOriginsRequired extends DomainError {
  readonly code = 'API_KEY_ORIGINS_REQUIRED';
  readonly kind = 'invalid';
  constructor() {
    super('A public key needs at least one allowed origin (scheme://host[:port])');
  }
}

export class KeyOriginsPublicOnly extends DomainError {
  readonly code = 'API_KEY_ORIGINS_PUBLIC_ONLY';
  readonly kind = 'invalid';
  constructor() {
    super('Only public keys carry allowed origins; bind secret keys to addresses with allowed_ips');
  }
}

export class KeyOriginInvalid extends DomainError {
  readonly code = 'API_KEY_ORIGIN_INVALID';
  readonly kind = 'invalid';
  constructor(origins: string[]) {
    super('Each allowed origin is scheme://host[:port], http or https, without path, query or credentials', { invalid_origins: origins });
  }
}

export class PublicKeyAdminNotAllowed extends DomainError {
  readonly code = 'API_KEY_PUBLIC_ADMIN_NOT_ALLOWED';
  readonly kind = 'invalid';
  constructor() {
    super('A public key cannot have the admin permission');
  }
}

export class PublicKeyIpRulesNotAllowed extends DomainError {
  readonly code = 'API_KEY_PUBLIC_IP_RULES_NOT_ALLOWED';
  readonly kind = 'invalid';
  constructor() {
    super('A public key cannot have IP rules; it is bound to browser origins instead');
  }
}

export class KeyIpRuleInvalid extends DomainError {
  readonly code = 'API_KEY_IP_RULE_INVALID';
  readonly kind = 'invalid';
  constructor(rules: string[]) {
    super('Each allowed IP is an IPv4 or IPv6 address or CIDR range (e.g. 203.0.113.7, 10.0.0.0/8, 2001:db8::/32)', { invalid_ips: rules });
  }
}

// Rate limits.

export class ApiKeyRateLimited extends DomainError {
  readonly code = 'API_KEY_RATE_LIMITED';
  readonly kind = 'rate_limited';
  constructor(limitPerMinute: number, retryAfterSeconds: number) {
    super(`The API key's limit of ${limitPerMinute} requests per minute is reached; try again later`, {
      rate_limit: limitPerMinute,
      retry_after_seconds: retryAfterSeconds,
    });
    this.retryAfterSeconds = retryAfterSeconds;
  }
}

export class RateLimitExceedsPolicy extends DomainError {
  readonly code = 'API_KEY_RATE_LIMIT_EXCEEDS_POLICY';
  readonly kind = 'invalid';
  constructor(maxRateLimitPerMinute: number) {
    super(`The tenant's key policy allows at most ${maxRateLimitPerMinute} requests per minute per key`, {
      max_rate_limit_per_minute: maxRateLimitPerMinute,
    });
  }
}
