import { Injectable } from '@nestjs/common';
import { Clock, Principal } from '../../platform';
import type { ApiKey, ResourcePermission } from '../domain/api-key';
import {
  ApiKeyNameTaken,
  KeyOwnerOutsideTenant,
  KeyTeamNotFound,
  KeyTenantNotFound,
  ResourcePermissionsSecretOnly,
} from '../domain/api-key-errors';
import { ApiKeyType, displayPrefix } from '../domain/api-key-secret';
import { newApiKey } from './new-api-key';
import { assertKeyWithinPolicy } from '../domain/key-policy';
import { rateLimitForNewKey } from '../domain/rate-limit-policy';
import { ApiKeyAccess } from './api-key-access';
import { ApiKeyCreatedHooks } from './api-key-created-hook';
import { KeyControlsPlanner, RequestedControls } from './key-controls-planner';
import { ApiKeyWrites } from './api-key-writes';
import { KeyAudit } from './key-audit';
import { keySnapshot } from '../domain/key-changes';
import { requestedExpiry } from './key-expiry';
import { ApiKeyRepository } from './ports/api-key.repository';
import { KeyHasher } from './ports/key-hasher';
import { KeyPolicyRepository } from './ports/key-policy.repository';

export interface CreateApiKeyCommand extends RequestedControls {
  /** Requests per minute; absent: the policy's maximum (none if it has none); `null`: no limit. */
  rateLimit?: number | null;
  name: string;
  type: ApiKeyType;
  teamId?: string;
  scopes: string[];
  resourcePermissions?: ResourcePermission[];
  expiresAt?: Date | null;
  expiresInDays?: number;
}

/** The key itself, returned this once and never again, with its stored metadata. */
export interface IssuedApiKey {
  key: string;
  apiKey: ApiKey;
}

/** Issues a key owned by the caller, within the tenant's key policy. */
@Injectable()
export class CreateApiKeyUseCase {
  constructor(
    private readonly hooks: ApiKeyCreatedHooks,
    private readonly access: ApiKeyAccess,
    private readonly writes: ApiKeyWrites,
    private readonly keys: ApiKeyRepository,
    private readonly policies: KeyPolicyRepository,
    private readonly hasher: KeyHasher,
    private readonly clock: Clock,
    private readonly controls: KeyControlsPlanner,
    private readonly audit: KeyAudit,
  ) {}

  async execute(principal: Principal, tenantId: string, command: CreateApiKeyCommand, clientAddress?: string): Promise<IssuedApiKey> {
    await this.access.requireTenantVisible(principal, tenantId);
    if (principal.tenantId !== tenantId) throw new KeyOwnerOutsideTenant();
    if (command.type === 'public' && command.resourcePermissions?.length) throw new ResourcePermissionsSecretOnly();
    const now = this.clock.now();
    const expiresAt = requestedExpiry(now, command.expiresAt, command.expiresInDays) ?? null;
    const controls = await this.controls.forNewKey(principal, tenantId, command.type, command.teamId, command);
    const teamId = controls.teamId;
    if (teamId && !(await this.access.mayUseTeam(principal, teamId))) throw new KeyTeamNotFound();
    return this.writes.inTenant(tenantId, [], async () => {
      const policy = await this.policies.find(tenantId);
      if (!policy) throw new KeyTenantNotFound();
      assertKeyWithinPolicy(policy, { type: command.type, scopes: command.scopes, expiresAt }, now);
      if (teamId && !(await this.keys.teamExists(teamId))) throw new KeyTeamNotFound();
      await this.controls.assertPlaceable(principal, controls);
      const key = newApiKey(command.type);
      const apiKey = await this.keys.insert({
        tenantId,
        userId: this.access.userIdOf(principal),
        teamId: teamId ?? null,
        name: command.name,
        type: command.type,
        keyPrefix: displayPrefix(key),
        keyHash: this.hasher.hash(key),
        scopes: [...new Set(command.scopes)],
        resourcePermissions: command.resourcePermissions ?? [],
        expiresAt,
        createdAt: now,
        rotatedFromId: null,
        permission: controls.permission,
        scope: controls.scope,
        allowedOrigins: controls.allowedOrigins,
        allowedIps: controls.allowedIps,
        rateLimitPerMinute: rateLimitForNewKey(policy, command.rateLimit),
      });
      if (!apiKey) throw new ApiKeyNameTaken(command.name);
      await this.writes.relate(apiKey);
      await this.hooks.run({ id: apiKey.id, tenantId, creatorId: apiKey.userId, teamId: apiKey.teamId, replacesKeyId: null });
      await this.audit.record({ principal, clientAddress }, 'created', apiKey, keySnapshot(apiKey));
      return { key, apiKey };
    });
  }
}
