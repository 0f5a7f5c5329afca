import { Injectable } from '@nestjs/common';
import { Principal, TransactionRunner } from '../../platform';
import { KeyTenantNotFound } from '../domain/api-key-errors';
import { assertConsistentPolicy, KeyPolicy } from '../domain/key-policy';
import { KeyPolicyRepository } from './ports/key-policy.repository';
import { ApiKeyAccess } from './api-key-access';

/** Reads and replaces a tenant's key policy (tenant admins). Existing keys keep their terms; new terms obey it. */
@Injectable()
export class KeyPolicyUseCase {
  constructor(
    private readonly access: ApiKeyAccess,
    private readonly tx: TransactionRunner,
    private readonly policies: KeyPolicyRepository,
  ) {}

  async get(principal: Principal, tenantId: string): Promise<KeyPolicy> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.access.requireTenantManager(principal, tenantId);
    return this.tx.inTenant(tenantId, async () => {
      const policy = await this.policies.find(tenantId);
      if (!policy) throw new KeyTenantNotFound();
      return policy;
    });
  }

  async put(principal: Principal, tenantId: string, policy: KeyPolicy): Promise<KeyPolicy> {
    await this.access.requireTenantVisible(principal, tenantId);
    await this.access.requireTenantManager(principal, tenantId);
    assertConsistentPolicy(policy);
    return this.tx.inTenant(tenantId, async () => {
      if (!(await this.policies.find(tenantId))) throw new KeyTenantNotFound();
      await this.policies.save(tenantId, policy);
      return policy;
    });
  }
}
