import { Injectable } from '@nestjs/common';
import { Clock, Principal } from '../../platform';
import { graceEnd, isRetired } from '../domain/api-key';
import { ApiKeyAlreadyRevoked, ApiKeyNameTaken, KeyTenantNotFound } from '../domain/api-key-errors';
import { displayPrefix } from '../domain/api-key-secret';
import { newApiKey } from './new-api-key';
import { assertKeyWithinPolicy } from '../domain/key-policy';
import { rateLimitWithinPolicy } from '../domain/rate-limit-policy';
import { ApiKeyAccess } from './api-key-access';
import { ApiKeyCreatedHooks } from './api-key-created-hook';
import { ApiKeyWrites } from './api-key-writes';
import { KeyAudit } from './key-audit';
import { keySnapshot } from '../domain/key-changes';
import type { IssuedApiKey } from './create-api-key.use-case';
import { ApiKeyRepository } from './ports/api-key.repository';
import { KeyHasher } from './ports/key-hasher';
import { KeyPolicyRepository } from './ports/key-policy.repository';

export interface RotatedApiKey extends IssuedApiKey {
  /** When the replaced key stops working. */
  previousKeyRevokedAt: Date;
}

/**
 * Replaces a key by a new one with the same settings (and the same lifetime, counted from now),
 * in one transaction; the old key keeps working for the grace period, then counts as revoked.
 */
@Injectable()
export class RotateApiKeyUseCase {
  constructor(
    private readonly access: ApiKeyAccess,
    private readonly writes: ApiKeyWrites,
    private readonly keys: ApiKeyRepository,
    private readonly policies: KeyPolicyRepository,
    private readonly hasher: KeyHasher,
    private readonly clock: Clock,
    private readonly audit: KeyAudit,
    private readonly hooks: ApiKeyCreatedHooks,
  ) {}

  async execute(principal: Principal, tenantId: string, keyId: string, graceSeconds = 0, clientAddress?: string): Promise<RotatedApiKey> {
    await this.access.requireTenantVisible(principal, tenantId);
    const now = this.clock.now();
    return this.writes.inTenant(tenantId, [keyId], async () => {
      const old = await this.access.requireManageable(principal, await this.keys.findById(keyId));
      if (isRetired(old)) throw new ApiKeyAlreadyRevoked();
      const policy = await this.policies.find(tenantId);
      if (!policy) throw new KeyTenantNotFound();
      const expiresAt = old.expiresAt && new Date(now.getTime() + (old.expiresAt.getTime() - old.createdAt.getTime()));
      assertKeyWithinPolicy(policy, { type: old.type, scopes: old.scopes, expiresAt }, now);
      // Retire first: the live-name index then lets the new key take the same name.
      const previousKeyRevokedAt = graceEnd(old, now, graceSeconds);
      await this.keys.retire(old.id, previousKeyRevokedAt < now ? now : previousKeyRevokedAt, 'rotated', now);
      const key = newApiKey(old.type);
      const apiKey = await this.keys.insert({
        tenantId,
        userId: old.userId,
        teamId: old.teamId,
        name: old.name,
        type: old.type,
        keyPrefix: displayPrefix(key),
        keyHash: this.hasher.hash(key),
        scopes: old.scopes,
        resourcePermissions: old.resourcePermissions,
        expiresAt,
        createdAt: now,
        rotatedFromId: old.id,
        permission: old.permission,
        scope: old.scope,
        allowedOrigins: old.allowedOrigins,
        allowedIps: old.allowedIps,
        rateLimitPerMinute: rateLimitWithinPolicy(policy, old.rateLimitPerMinute),
      });
      if (!apiKey) throw new ApiKeyNameTaken(old.name);
      await this.writes.relate(apiKey);
      await this.hooks.run({ id: apiKey.id, tenantId, creatorId: apiKey.userId, teamId: apiKey.teamId, replacesKeyId: old.id });
      const endsAt = previousKeyRevokedAt < now ? now : previousKeyRevokedAt;
      const context = { principal, clientAddress };
      await this.audit.record(context, 'rotated', old, { old_key_id: old.id, new_key_id: apiKey.id, old_key_revoked_at: endsAt.toISOString() });
      await this.audit.record(context, 'created', apiKey, { ...keySnapshot(apiKey), rotated_from_id: old.id });
      return { key, apiKey, previousKeyRevokedAt: endsAt };
    });
  }
}
