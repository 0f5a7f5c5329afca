import { createHmac } from 'node:crypto';
import { Client } from 'pg';
import { newApiKey } from '../../src/api-keys/application/new-api-key';
import { displayPrefix } from '../../src/api-keys/domain/api-key-secret';

export interface SeededKeys {
  /** The raw keys, index i in tenant i % tenants. */
  keys: string[];
  tenantIds: string[];
}

const BATCH = 5000;
const SCOPES = ['api_keys:read', 'api_keys:verify'];
/** Every key is rate limited (so the limiter runs on every request), far above what the load can reach. */
const RATE_LIMIT_PER_MINUTE = 1_000_000_000;

/**
 * Tenants, one owner each, and `count` keys spread evenly over them, written set-based (unnest over
 * arrays, a few thousand rows a statement) as the migrating role, the way an import would.
 */
export async function seedKeys(databaseUrl: string, pepper: string, tenants: number, count: number): Promise<SeededKeys> {
  const client = new Client({ connectionString: databaseUrl });
  await client.connect();
  try {
    const tenantRows: Array<{ id: string }> = (
      await client.query(
        `INSERT INTO tenants (name, plan) SELECT 'bench-tenant-' || g, 'pro' FROM generate_series(1, $1) g RETURNING id`,
        [tenants],
      )
    ).rows;
    const tenantIds = tenantRows.map((row) => row.id);
    const owners: Array<{ id: string; tenant_id: string }> = (
      await client.query(
        `INSERT INTO users (tenant_id, email, password_hash, role)
         SELECT t, 'owner-' || ordinality || '@bench.test', 'not-a-login', 'admin' FROM unnest($1::uuid[]) WITH ORDINALITY AS u(t, ordinality)
         RETURNING id, tenant_id`,
        [tenantIds],
      )
    ).rows;
    const ownerOf = new Map(owners.map((owner) => [owner.tenant_id, owner.id]));
    const keys: string[] = [];
    for (let start = 0; start < count; start += BATCH) {
      const size = Math.min(BATCH, count - start);
      const columns = { tenant: [] as string[], user: [] as string[], name: [] as string[], prefix: [] as string[], hash: [] as string[] };
      for (let i = start; i < start + size; i++) {
        const key = newApiKey('secret');
        const tenantId = tenantIds[i % tenants];
        keys.push(key);
        columns.tenant.push(tenantId);
        columns.user.push(ownerOf.get(tenantId)!);
        columns.name.push(`bench-key-${i}`);
        columns.prefix.push(displayPrefix(key));
        columns.hash.push(createHmac('sha256', pepper).update(key).digest('hex'));
      }
      await client.query(
        `INSERT INTO api_keys (tenant_id, user_id, name, key_type, key_prefix, key_hash, scopes, rate_limit_per_minute)
         SELECT t, u, n, 'secret', p, h, $6::text[], $7 FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[], $5::text[]) AS k(t, u, n, p, h)`,
        [columns.tenant, columns.user, columns.name, columns.prefix, columns.hash, SCOPES, RATE_LIMIT_PER_MINUTE],
      );
    }
    // Settled before any route is measured: the seed's dead tuples vacuumed and its WAL flushed, so
    // no background work of the server's falls into the first route's run.
    await client.query(`VACUUM (ANALYZE) api_keys`);
    await client.query(`CHECKPOINT`).catch(() => undefined); // superusers only (pg_checkpoint on 15+)
    return { keys, tenantIds };
  } finally {
    await client.end();
  }
}
