import { Injectable } from '@nestjs/common';
import { Clock, Principal, TransactionRunner } from '../../../platform';
import { SecretBox } from '../../../integration-settings';
import { NotificationWebhookNotFound, ReminderTenantNotFound } from '../../domain/reminder-errors';
import { ReminderAccess } from './reminder-access';
import { TenantWebhook, TenantWebhookRepository, webhookSecretContext } from './tenant-webhook.repository';

/** What a caller sees of a webhook: never the secret, only that one is set. */
export interface NotificationWebhookView {
  url: string;
  createdAt: Date;
  updatedAt: Date;
}

/** A tenant's reminder webhook (tenant admins): set, read (without its secret), remove. */
@Injectable()
export class NotificationWebhookUseCase {
  constructor(
    private readonly access: ReminderAccess,
    private readonly tx: TransactionRunner,
    private readonly webhooks: TenantWebhookRepository,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
  ) {}

  async get(principal: Principal, tenantId: string): Promise<NotificationWebhookView> {
    await this.access.requireTenantManager(principal, tenantId);
    const webhook = await this.tx.inTenant(tenantId, () => this.webhooks.find(tenantId));
    if (!webhook) throw new NotificationWebhookNotFound();
    return view(webhook);
  }

  /** Sets the URL and signing secret; the secret is sealed before it reaches the database. */
  async put(principal: Principal, tenantId: string, url: string, secret: string): Promise<NotificationWebhookView> {
    await this.access.requireTenantManager(principal, tenantId);
    const now = this.clock.now();
    const sealed = this.secrets.seal(secret, webhookSecretContext(tenantId));
    return this.tx.inTenant(tenantId, async () => {
      const existing = await this.webhooks.find(tenantId);
      const webhook: TenantWebhook = { tenantId, url, secret: sealed, createdAt: existing?.createdAt ?? now, updatedAt: now };
      try {
        await this.webhooks.save(webhook);
      } catch (error) {
        // The tenant went away between the access check and the write (its foreign key).
        if ((error as { code?: string }).code === '23503') throw new ReminderTenantNotFound();
        throw error;
      }
      return view(webhook);
    });
  }

  async remove(principal: Principal, tenantId: string): Promise<void> {
    await this.access.requireTenantManager(principal, tenantId);
    const removed = await this.tx.inTenant(tenantId, () => this.webhooks.remove(tenantId));
    if (!removed) throw new NotificationWebhookNotFound();
  }
}

function view(webhook: TenantWebhook): NotificationWebhookView {
  return { url: webhook.url, createdAt: webhook.createdAt, updatedAt: webhook.updatedAt };
}
