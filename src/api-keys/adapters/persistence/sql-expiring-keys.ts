import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { URGENT_WITHIN_DAYS, WARNING_WITHIN_DAYS } from '../../domain/expiry-severity';
import { ExpiringKeys, ExpiringKeysFilter, ExpiringKeysSummary } from '../../application/ports/expiring-keys';
import { KEY_COLUMNS, toApiKey } from './api-key-rows';

interface CountsRow {
  total: number;
  expired: number;
  urgent: number;
  warning: number;
  notice: number;
  earliest: Date | null;
}

/** Counts by severity in one pass over the window (the partial index on expires_at), then the first items. */
@Injectable()
export class SqlExpiringKeys extends ExpiringKeys {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async summarize(filter: ExpiringKeysFilter, limit: number): Promise<ExpiringKeysSummary> {
    const params: unknown[] = [filter.now, filter.days];
    const param = (value: unknown) => `$${params.push(value)}`;
    const where = [
      'k.revoked_at IS NULL',
      `k.expires_at > $1::timestamptz - $2::int * interval '1 day'`,
      `k.expires_at <= $1::timestamptz + $2::int * interval '1 day'`,
    ];
    if (filter.tenantId) where.push(`k.tenant_id = ${param(filter.tenantId)}`);
    if (filter.visibleTo) {
      where.push(`(k.user_id = ${param(filter.visibleTo.userId)} OR k.team_id = ANY(${param(filter.visibleTo.teamIds)}::uuid[]))`);
    }
    if (filter.subscribedBy) {
      where.push(`EXISTS (SELECT 1 FROM api_key_notification_subscriptions s WHERE s.api_key_id = k.id AND s.user_id = ${param(filter.subscribedBy)})`);
    }
    const from = `FROM api_keys k WHERE ${where.join(' AND ')}`;
    const left = (days: number) => `$1::timestamptz + interval '${days} days'`;
    const [counts]: CountsRow[] = await this.tx.manager.query(
      `SELECT count(*)::int AS total,
              count(*) FILTER (WHERE k.expires_at <= $1)::int AS expired,
              count(*) FILTER (WHERE k.expires_at > $1 AND k.expires_at <= ${left(URGENT_WITHIN_DAYS)})::int AS urgent,
              count(*) FILTER (WHERE k.expires_at > ${left(URGENT_WITHIN_DAYS)} AND k.expires_at <= ${left(WARNING_WITHIN_DAYS)})::int AS warning,
              count(*) FILTER (WHERE k.expires_at > ${left(WARNING_WITHIN_DAYS)})::int AS notice,
              min(k.expires_at) FILTER (WHERE k.expires_at > $1) AS earliest
       ${from}`,
      params,
    );
    const rows = counts.total === 0 ? [] : await this.tx.manager.query(`SELECT ${KEY_COLUMNS} ${from} ORDER BY k.expires_at, k.id LIMIT ${param(limit)}`, params);
    return {
      totalCount: counts.total,
      countsBySeverity: { expired: counts.expired, urgent: counts.urgent, warning: counts.warning, notice: counts.notice },
      earliestExpiration: counts.earliest,
      items: rows.map(toApiKey),
    };
  }
}
