import { Injectable } from '@nestjs/common';
import { Principal, TransactionRunner } from '../../platform';
import type { KeyPermission, KeyScope } from '../domain/api-key';
import { KeyTenantNotFound } from '../domain/api-key-errors';
import type { ApiKeyType } from '../domain/api-key-secret';
import type { KeyPolicy } from '../domain/key-policy';
import { defaultPermission, SCOPE_TYPES } from '../domain/key-restrictions';
import { ApiKeyAccess } from './api-key-access';
import { KeyControlsPlanner } from './key-controls-planner';
import { KeyScopes } from './key-scopes';
import { KeyPolicyRepository } from './ports/key-policy.repository';

/** What the caller may ask for when creating a key in a tenant, for a client to build its form. */
export interface KeyCreationConstraints {
  keyTypes: ApiKeyType[];
  maxExpiryDays: number | null;
  requireExpiry: boolean;
  allowedScopes: string[];
  permissions: Record<ApiKeyType, KeyPermission[]>;
  defaultPermissions: Record<ApiKeyType, KeyPermission>;
  scopeTypes: Array<KeyScope['type']>;
  /** A team- or workspace-scoped calling key creates keys only inside its own scope. */
  scopeWithin: KeyScope | null;
  maxRateLimitPerMinute: number | null;
}

/** The tenant's key policy and the caller's own limits, merged into one answer. */
@Injectable()
export class KeyCreationConstraintsUseCase {
  constructor(
    private readonly access: ApiKeyAccess,
    private readonly tx: TransactionRunner,
    private readonly policies: KeyPolicyRepository,
    private readonly controls: KeyControlsPlanner,
    private readonly scopes: KeyScopes,
  ) {}

  async execute(principal: Principal, tenantId: string): Promise<KeyCreationConstraints> {
    await this.access.requireTenantVisible(principal, tenantId);
    const permissions = await this.controls.grantable(principal, tenantId);
    const policy = await this.tx.inTenant(tenantId, () => this.policies.find(tenantId));
    if (!policy) throw new KeyTenantNotFound();
    const narrow = this.scopes.narrowScopeOf(principal);
    const keyTypes: ApiKeyType[] = policy.allowPublicKeys ? ['secret', 'public'] : ['secret'];
    return {
      keyTypes,
      maxExpiryDays: policy.maxExpiryDays,
      requireExpiry: policy.requireExpiry || policy.maxExpiryDays !== null,
      allowedScopes: policy.allowedScopes,
      permissions,
      defaultPermissions: {
        secret: defaultPermission('secret', permissions.secret[permissions.secret.length - 1]),
        public: defaultPermission('public', permissions.public[permissions.public.length - 1]),
      },
      // A team scope cannot narrow further; a workspace scope may narrow to a workspace below it.
      scopeTypes: narrow ? [narrow.type] : [...SCOPE_TYPES],
      scopeWithin: narrow ?? null,
      maxRateLimitPerMinute: maxRateLimitOf(policy),
    };
  }
}

/** The policy's per-key rate limit ceiling, where the policy has one. */
function maxRateLimitOf(policy: KeyPolicy): number | null {
  const value = (policy as KeyPolicy & { maxRateLimitPerMinute?: number | null }).maxRateLimitPerMinute;
  return typeof value === 'number' ? value : null;
}
