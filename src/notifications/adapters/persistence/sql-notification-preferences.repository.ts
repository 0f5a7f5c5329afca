import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { ExtraChannel, NotificationPreferences } from '../../domain/notification-preferences';
import { NotificationPreferencesRepository } from '../../application/ports/notification-preferences.repository';

interface PreferenceRow {
  enabled: boolean;
  days_before_expiry: number | null;
  auto_follow: boolean;
  auto_follow_tenant_keys: boolean;
  channels: ExtraChannel[];
}

@Injectable()
export class SqlNotificationPreferencesRepository extends NotificationPreferencesRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async find(userId: string): Promise<NotificationPreferences | undefined> {
    const rows: PreferenceRow[] = await this.tx.manager.query(
      `SELECT enabled, days_before_expiry, auto_follow, auto_follow_tenant_keys, channels
       FROM api_key_notification_preferences WHERE user_id = $1`,
      [userId],
    );
    const row = rows[0];
    if (!row) return undefined;
    return {
      enabled: row.enabled,
      daysBeforeExpiry: row.days_before_expiry,
      autoFollow: row.auto_follow,
      autoFollowTenantKeys: row.auto_follow_tenant_keys,
      channels: row.channels,
    };
  }

  async save(tenantId: string, userId: string, p: NotificationPreferences, at: Date): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO api_key_notification_preferences
         (user_id, tenant_id, enabled, days_before_expiry, auto_follow, auto_follow_tenant_keys, channels, created_at, updated_at)
       VALUES ($1, $2, $3, $4, $5, $6, $7::text[], $8, $8)
       ON CONFLICT (user_id) DO UPDATE SET enabled = EXCLUDED.enabled, days_before_expiry = EXCLUDED.days_before_expiry,
         auto_follow = EXCLUDED.auto_follow, auto_follow_tenant_keys = EXCLUDED.auto_follow_tenant_keys,
         channels = EXCLUDED.channels, updated_at = EXCLUDED.updated_at`,
      [userId, tenantId, p.enabled, p.daysBeforeExpiry, p.autoFollow, p.autoFollowTenantKeys, p.channels, at],
    );
  }

  async isTenantAdmin(userId: string): Promise<boolean> {
    const rows: unknown[] = await this.tx.manager.query(`SELECT 1 FROM users WHERE id = $1 AND role = 'admin'`, [userId]);
    return rows.length > 0;
  }
}
