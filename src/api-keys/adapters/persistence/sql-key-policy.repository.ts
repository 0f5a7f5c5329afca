import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { DEFAULT_KEY_POLICY, KeyPolicy } from '../../domain/key-policy';
import { KeyPolicyRepository } from '../../application/ports/key-policy.repository';

interface StoredPolicy {
  max_expiry_days?: number | null;
  require_expiry?: boolean;
  allow_public_keys?: boolean;
  allowed_scopes?: string[];
  notification_policy?: { enabled?: boolean; default_days_before_expiry?: number; max_days_before_expiry?: number };
  auto_expire_unused_days?: number | null;
  max_rate_limit_per_minute?: number | null;
}

/** The policy lives in `tenants.api_key_policy` (jsonb, snake_case): what a tenant never set reads as the default. */
@Injectable()
export class SqlKeyPolicyRepository extends KeyPolicyRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async find(tenantId: string): Promise<KeyPolicy | undefined> {
    const rows: Array<{ api_key_policy: StoredPolicy }> = await this.tx.manager.query(`SELECT api_key_policy FROM tenants WHERE id = $1`, [tenantId]);
    return rows.length ? fromStored(rows[0].api_key_policy ?? {}) : undefined;
  }

  async save(tenantId: string, policy: KeyPolicy): Promise<void> {
    await this.tx.manager.query(`UPDATE tenants SET api_key_policy = $2::jsonb, updated_at = now() WHERE id = $1`, [tenantId, JSON.stringify(toStored(policy))]);
  }
}

function fromStored(stored: StoredPolicy): KeyPolicy {
  const d = DEFAULT_KEY_POLICY;
  const n = stored.notification_policy ?? {};
  return {
    maxExpiryDays: stored.max_expiry_days ?? d.maxExpiryDays,
    requireExpiry: stored.require_expiry ?? d.requireExpiry,
    allowPublicKeys: stored.allow_public_keys ?? d.allowPublicKeys,
    allowedScopes: stored.allowed_scopes ?? d.allowedScopes,
    notificationPolicy: {
      enabled: n.enabled ?? d.notificationPolicy.enabled,
      defaultDaysBeforeExpiry: n.default_days_before_expiry ?? d.notificationPolicy.defaultDaysBeforeExpiry,
      maxDaysBeforeExpiry: n.max_days_before_expiry ?? d.notificationPolicy.maxDaysBeforeExpiry,
    },
    autoExpireUnusedDays: stored.auto_expire_unused_days ?? d.autoExpireUnusedDays,
    maxRateLimitPerMinute: stored.max_rate_limit_per_minute ?? d.maxRateLimitPerMinute,
  };
}

function toStored(policy: KeyPolicy): Required<StoredPolicy> {
  return {
    max_expiry_days: policy.maxExpiryDays,
    require_expiry: policy.requireExpiry,
    allow_public_keys: policy.allowPublicKeys,
    allowed_scopes: policy.allowedScopes,
    notification_policy: {
      enabled: policy.notificationPolicy.enabled,
      default_days_before_expiry: policy.notificationPolicy.defaultDaysBeforeExpiry,
      max_days_before_expiry: policy.notificationPolicy.maxDaysBeforeExpiry,
    },
    auto_expire_unused_days: policy.autoExpireUnusedDays,
    max_rate_limit_per_minute: policy.maxRateLimitPerMinute,
  };
}
