import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { KeyUse, UsageColumns, UsageLog, UsagePage, UsagePagePosition } from '../../application/ports/usage-log';

interface UsageRow {
  id: string;
  used_at: Date;
  method: string;
  route: string;
  status: number;
  client_address: string | null;
  user_agent: string | null;
  position_micros: string;
}

/** `api_key_usage`: appends as the system (a batch spans tenants), reads in the caller's tenant. */
@Injectable()
export class SqlUsageLog extends UsageLog {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  /** In recording order (ids follow it, and break ties between uses of the same millisecond). */
  async append(batch: UsageColumns): Promise<void> {
    await this.tx.asSystem(() =>
      this.tx.manager.query(
        `INSERT INTO api_key_usage (tenant_id, api_key_id, used_at, method, route, status, client_address, user_agent)
         SELECT t, k, to_timestamp(ms / 1000.0), m, r, s, c, a
         FROM unnest($1::uuid[], $2::uuid[], $3::float8[], $4::text[], $5::text[], $6::smallint[], $7::text[], $8::text[])
           WITH ORDINALITY AS u(t, k, ms, m, r, s, c, a, n)
         WHERE EXISTS (SELECT 1 FROM tenants WHERE tenants.id = u.t)
         ORDER BY n`,
        [
          plainArray(batch.tenantIds),
          plainArray(batch.keyIds),
          plainArray(batch.usedAtMs),
          textArray(batch.methods),
          textArray(batch.routes),
          plainArray(batch.statuses),
          textArray(batch.clientAddresses),
          textArray(batch.userAgents),
        ],
      ),
    );
  }

  async eraseTenant(tenantId: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM api_key_usage WHERE tenant_id = $1`, [tenantId]);
  }

  async page(keyId: string, limit: number, after?: UsagePagePosition): Promise<UsagePage> {
    const params: unknown[] = [keyId, limit + 1];
    let before = '';
    if (after) {
      params.push(after.usedAtMicros, after.id);
      before = `AND (u.used_at, u.id) < (timestamptz 'epoch' + $3::bigint * interval '1 microsecond', $4::bigint)`;
    }
    const rows: UsageRow[] = await this.tx.manager.query(
      `SELECT u.id::text AS id, u.used_at, u.method, u.route, u.status, u.client_address, u.user_agent,
              (extract(epoch FROM u.used_at) * 1000000)::bigint::text AS position_micros
       FROM api_key_usage u WHERE u.api_key_id = $1 ${before}
       ORDER BY u.used_at DESC, u.id DESC LIMIT $2`,
      params,
    );
    const items = rows.slice(0, limit);
    const last = items[items.length - 1];
    return {
      items: items.map(toKeyUse),
      next: rows.length > limit && last ? { usedAtMicros: last.position_micros, id: last.id } : undefined,
    };
  }
}

/**
 * PostgreSQL array literals built here rather than by pg, whose generic serializer runs two regular
 * expressions over every element: at thousands of uses a second that showed in the request path's
 * profile. Ids and numbers need no quoting; text is quoted with `"` and `\` escaped.
 */
const plainArray = (values: ReadonlyArray<string | number>): string => `{${values.join(',')}}`;
const NEEDS_ESCAPE = /["\\]/g;
const HAS_ESCAPE = /["\\]/;

function textArray(values: ReadonlyArray<string | null>): string {
  let literal = '{';
  for (let i = 0; i < values.length; i++) {
    const value = values[i];
    if (i > 0) literal += ',';
    if (value === null) literal += 'NULL';
    else literal += HAS_ESCAPE.test(value) ? `"${value.replace(NEEDS_ESCAPE, '\\$&')}"` : `"${value}"`;
  }
  return `${literal}}`;
}

function toKeyUse(row: UsageRow): KeyUse {
  return {
    id: row.id,
    usedAt: row.used_at,
    method: row.method,
    route: row.route,
    status: Number(row.status),
    clientAddress: row.client_address,
    userAgent: row.user_agent,
  };
}
