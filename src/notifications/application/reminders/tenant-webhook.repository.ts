import type { SealedSecret } from '../../../integration-settings';

/** A tenant's reminder webhook: where to POST, and the sealed secret its signatures use. */
export interface TenantWebhook {
  tenantId: string;
  url: string;
  secret: SealedSecret;
  createdAt: Date;
  updatedAt: Date;
}

/** The tenant webhooks (one per tenant). */
export abstract class TenantWebhookRepository {
  abstract find(tenantId: string): Promise<TenantWebhook | undefined>;
  abstract save(webhook: TenantWebhook): Promise<void>;
  /** True when there was one to remove. */
  abstract remove(tenantId: string): Promise<boolean>;
  /** The webhooks of these tenants, across tenants (the job's path). */
  abstract findForTenants(tenantIds: string[]): Promise<TenantWebhook[]>;
}

/** The context a tenant's webhook secret is sealed to, so a sealed value cannot be moved to another tenant. */
export const webhookSecretContext = (tenantId: string): string => `notifications/webhook/${tenantId}`;
