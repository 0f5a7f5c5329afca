import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { SealedSecret } from '../../../integration-settings';
import { TenantWebhook, TenantWebhookRepository } from '../../application/reminders/tenant-webhook.repository';

interface WebhookRow {
  tenant_id: string;
  url: string;
  secret: SealedSecret;
  created_at: Date;
  updated_at: Date;
}

const COLUMNS = 'tenant_id, url, secret, created_at, updated_at';

/** `tenant_notification_webhooks`, in the caller's unit of work (tenant-bound, or the job's system one). */
@Injectable()
export class SqlTenantWebhookRepository extends TenantWebhookRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async find(tenantId: string): Promise<TenantWebhook | undefined> {
    const rows: WebhookRow[] = await this.tx.manager.query(`SELECT ${COLUMNS} FROM tenant_notification_webhooks WHERE tenant_id = $1`, [tenantId]);
    return rows.length > 0 ? toWebhook(rows[0]) : undefined;
  }

  async save(webhook: TenantWebhook): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO tenant_notification_webhooks (${COLUMNS}) VALUES ($1, $2, $3::jsonb, $4, $5)
       ON CONFLICT (tenant_id) DO UPDATE SET url = excluded.url, secret = excluded.secret, updated_at = excluded.updated_at`,
      [webhook.tenantId, webhook.url, JSON.stringify(webhook.secret), webhook.createdAt.toISOString(), webhook.updatedAt.toISOString()],
    );
  }

  async remove(tenantId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query(`WITH gone AS (DELETE FROM tenant_notification_webhooks WHERE tenant_id = $1 RETURNING tenant_id) SELECT tenant_id FROM gone`, [tenantId]);
    return rows.length > 0;
  }

  findForTenants(tenantIds: string[]): Promise<TenantWebhook[]> {
    return this.tx.asSystem(async () => {
      const rows: WebhookRow[] = await this.tx.manager.query(
        `SELECT ${COLUMNS} FROM tenant_notification_webhooks WHERE tenant_id = ANY($1::uuid[])`,
        [tenantIds],
      );
      return rows.map(toWebhook);
    });
  }
}

function toWebhook(row: WebhookRow): TenantWebhook {
  return { tenantId: row.tenant_id, url: row.url, secret: row.secret, createdAt: new Date(row.created_at), updatedAt: new Date(row.updated_at) };
}
