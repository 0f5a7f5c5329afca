import { Injectable } from '@nestjs/common';
import { Clock, Principal } from '../../platform';
import { isRetired, type ApiKey, type ResourcePermission } from '../domain/api-key';
import { ApiKeyAlreadyRevoked, ApiKeyNameTaken, KeyTenantNotFound, ResourcePermissionsSecretOnly } from '../domain/api-key-errors';
import { assertExpiryAllowed, assertScopesAllowed } from '../domain/key-policy';
import { assertRateLimitAllowed } from '../domain/rate-limit-policy';
import { ApiKeyAccess } from './api-key-access';
import { KeyControlsPlanner, RequestedControls } from './key-controls-planner';
import { ApiKeyWrites } from './api-key-writes';
import { KeyAudit } from './key-audit';
import { keyChanges } from '../domain/key-changes';
import { requestedExpiry } from './key-expiry';
import { ApiKeyRepository } from './ports/api-key.repository';
import { KeyPolicyRepository } from './ports/key-policy.repository';

export interface UpdateApiKeyCommand extends RequestedControls {
  /** Requests per minute; `null` removes the limit. */
  rateLimit?: number | null;
  name?: string;
  expiresAt?: Date | null;
  expiresInDays?: number;
  scopes?: string[];
  resourcePermissions?: ResourcePermission[];
}

/**
 * Edits a live key in place: the key string stays, every instance sees the change at once. Its
 * controls (level, scope, origins, address rules, rate limit) obey the rules of creation.
 */
@Injectable()
export class UpdateApiKeyUseCase {
  constructor(
    private readonly access: ApiKeyAccess,
    private readonly writes: ApiKeyWrites,
    private readonly keys: ApiKeyRepository,
    private readonly policies: KeyPolicyRepository,
    private readonly clock: Clock,
    private readonly controls: KeyControlsPlanner,
    private readonly audit: KeyAudit,
  ) {}

  async execute(principal: Principal, tenantId: string, keyId: string, command: UpdateApiKeyCommand, clientAddress?: string): Promise<ApiKey> {
    await this.access.requireTenantVisible(principal, tenantId);
    const now = this.clock.now();
    const expiresAt = requestedExpiry(now, command.expiresAt, command.expiresInDays);
    return this.writes.inTenant(tenantId, [keyId], async () => {
      const key = await this.access.requireManageable(principal, await this.keys.findById(keyId));
      if (isRetired(key)) throw new ApiKeyAlreadyRevoked();
      if (key.type === 'public' && command.resourcePermissions?.length) throw new ResourcePermissionsSecretOnly();
      const policy = await this.policies.find(tenantId);
      if (!policy) throw new KeyTenantNotFound();
      if (command.scopes) assertScopesAllowed(policy, command.scopes);
      if (expiresAt !== undefined) assertExpiryAllowed(policy, expiresAt, now);
      if (command.rateLimit !== undefined) assertRateLimitAllowed(policy, command.rateLimit);
      const controls = await this.controls.forEdit(principal, key, command);
      const edited = await this.keys.edit(
        keyId,
        {
          name: command.name,
          expiresAt,
          scopes: command.scopes && [...new Set(command.scopes)],
          resourcePermissions: command.resourcePermissions,
          ...controls,
          rateLimitPerMinute: command.rateLimit,
        },
        now,
      );
      if (!edited) throw new ApiKeyNameTaken(command.name ?? key.name);
      // A key moved onto a team by its scope is that team's in the authorization graph too.
      if (controls.teamId) await this.writes.relate(edited);
      const changes = keyChanges(key, edited);
      if (changes.length > 0) await this.audit.record({ principal, clientAddress }, 'updated', edited, { fields: changes.map((c) => c.field), changes });
      return edited;
    });
  }
}
