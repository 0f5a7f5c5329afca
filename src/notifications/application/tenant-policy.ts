import { Injectable } from '@nestjs/common';
import { KeyPolicyRepository } from '../../api-keys';
import type { TenantNotificationPolicy } from '../domain/notification-preferences';

/** The tenant's notification policy, kept in its API key policy; read inside a tenant unit of work. */
@Injectable()
export class TenantNotificationPolicies {
  constructor(private readonly policies: KeyPolicyRepository) {}

  async of(tenantId: string): Promise<TenantNotificationPolicy> {
    const policy = await this.policies.find(tenantId);
    if (!policy) throw new Error(`tenant ${tenantId} is not visible in this unit of work`);
    return policy.notificationPolicy;
  }
}
