import { Injectable } from '@nestjs/common';
import { AppConfig, Clock } from '../../../platform';
import { SecretBox } from '../../../integration-settings';
import type { Reminder } from '../../domain/reminder';
import { DeliveryReport, ReminderChannel } from '../../application/reminders/reminder-channel';
import { TenantWebhook, TenantWebhookRepository, webhookSecretContext } from '../../application/reminders/tenant-webhook.repository';
import { notificationKind, reminderPayload } from './reminder-content';
import { postWebhook, WebhookAddressRefused } from './webhook-http';
import { DELIVERY_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER, webhookSignature } from './webhook-signature';

/**
 * The tenant's webhook: an HTTP POST of the reminder as JSON, signed with HMAC-SHA-256 under the
 * tenant's secret, within GATEHOUSE_REMINDER_WEBHOOK_TIMEOUT_MS. Any 2xx answer counts as
 * delivered; anything else (redirects included) is a failure retried with backoff. Private and
 * loopback addresses are refused unless GATEHOUSE_REMINDER_WEBHOOK_ALLOW_PRIVATE is set, so a
 * tenant cannot make the service call into its own network.
 */
@Injectable()
export class WebhookReminderChannel extends ReminderChannel {
  readonly name = 'webhook';

  constructor(
    private readonly webhooks: TenantWebhookRepository,
    private readonly secrets: SecretBox,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {
    super();
  }

  available(): boolean {
    return true;
  }

  async deliver(reminders: Reminder[], report: DeliveryReport): Promise<void> {
    const tenantIds = [...new Set(reminders.map((reminder) => reminder.tenantId))];
    const byTenant = new Map((await this.webhooks.findForTenants(tenantIds)).map((webhook) => [webhook.tenantId, webhook]));
    for (const reminder of reminders) {
      // Another run took it over (this one lost its lease): sending it here would send it twice.
      if (!report.holds(reminder.id)) continue;
      const webhook = byTenant.get(reminder.tenantId);
      try {
        if (!webhook) throw new Error('the tenant has no notification webhook any more');
        await this.post(webhook, reminder);
      } catch (error) {
        await report.failed(reminder.id, error);
        continue;
      }
      await report.sent([reminder.id]);
    }
  }

  private async post(webhook: TenantWebhook, reminder: Reminder): Promise<void> {
    const secret = this.secrets.open(webhook.secret, webhookSecretContext(webhook.tenantId));
    const now = this.clock.now();
    const body = JSON.stringify({
      type: notificationKind(reminder),
      delivery_id: reminder.id,
      ...reminderPayload(reminder),
      user: { id: reminder.user.id, email: reminder.user.email },
      sent_at: now.toISOString(),
    });
    const timestamp = String(Math.floor(now.getTime() / 1000));
    const timeoutMs = this.config.reminders.webhookTimeoutMs;
    let status: number;
    try {
      status = await postWebhook({
        url: webhook.url,
        timeoutMs,
        allowPrivateAddresses: this.config.reminders.webhookAllowPrivate,
        headers: {
          'content-type': 'application/json',
          'user-agent': 'Gatehouse-Webhook/1',
          [TIMESTAMP_HEADER]: timestamp,
          [SIGNATURE_HEADER]: webhookSignature(secret, timestamp, body),
          [DELIVERY_HEADER]: reminder.id,
        },
        body,
      });
    } catch (error) {
      throw new Error(describePostError(error, timeoutMs));
    }
    // Redirects are not followed: only a 2xx from the configured URL counts.
    if (status < 200 || status > 299) throw new Error(`the webhook answered ${status}`);
  }
}

/** A short reason without the URL (which may carry credentials in its query). */
function describePostError(error: unknown, timeoutMs: number): string {
  if (error instanceof WebhookAddressRefused) return error.message;
  if ((error as { name?: string }).name === 'TimeoutError') return `the webhook did not answer within ${timeoutMs} ms`;
  const code = (error as { code?: string }).code;
  return `the webhook could not be reached${code ? ` (${code})` : ''}`;
}
