/**
 * Team merge at size, on the PostgreSQL server: the whole service (this process) on a fresh
 * database; a source team of BENCH_MERGE_USERS users (a tenth also in the target, as members where
 * the source has them as admins) and BENCH_MERGE_KEYS keys (one in twenty named like a target key,
 * so `rename` has work), merged into the target over HTTP with the LiteLLM gateway enabled (a
 * loopback proxy that accepts every call). Prints the time until the response (the one transaction
 * committed), the time until the outbox has delivered the SpiceDB writes and gateway calls, and the
 * rows moved.
 *
 *   npm run bench:merge
 * Environment: DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres: the server; a database is
 * created there and dropped after), BENCH_MERGE_KEYS (10000), BENCH_MERGE_USERS (1000), BENCH_LOG_LEVEL (warn).
 */
import 'reflect-metadata';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Client } from 'pg';
import { createBenchDatabase } from './support/bench-database';

const ADMIN_EMAIL = 'bench-admin@gatehouse.local';
const ADMIN_PASSWORD = 'bench-admin-password-000001';
const MASTER_KEY = 'sk-bench-litellm-master';

const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};

/** A LiteLLM stand-in that accepts every admin call made with the master key, counting them. */
async function startGateway(): Promise<{ url: string; calls: () => number; close(): Promise<void> }> {
  let calls = 0;
  const server = createServer((request, response) => {
    request.resume();
    request.on('end', () => {
      const ok = request.headers.authorization === `Bearer ${MASTER_KEY}`;
      if (ok) calls += 1;
      response.writeHead(ok ? 200 : 401, { 'content-type': 'application/json' }).end('{}');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}`, calls: () => calls, close: () => new Promise((resolve) => server.close(() => resolve())) };
}

async function call(baseUrl: string, path: string, body: unknown, token?: string): Promise<Record<string, unknown>> {
  const response = await fetch(`${baseUrl}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  const answer = (await response.json()) as Record<string, unknown>;
  if (response.status >= 300) throw new Error(`${path}: ${response.status} ${JSON.stringify(answer)}`);
  return answer;
}

/** Users, memberships and keys, set-based in SQL as the migrating role. */
async function seed(url: string, tenantId: string, source: string, target: string, users: number, keys: number): Promise<void> {
  const client = new Client({ connectionString: url });
  await client.connect();
  try {
    await client.query('BEGIN');
    await client.query(
      `INSERT INTO users (tenant_id, email, password_hash, role)
       SELECT $1, 'bench-user-' || g || '@example.com', 'not-a-login', 'member' FROM generate_series(1, $2) AS g`,
      [tenantId, users],
    );
    await client.query(
      `INSERT INTO team_members (tenant_id, team_id, user_id, role)
       SELECT $1, $2, id, CASE WHEN row_number() OVER (ORDER BY id) % 10 = 0 THEN 'admin' ELSE 'member' END FROM users WHERE tenant_id = $1 AND email LIKE 'bench-user-%'`,
      [tenantId, source],
    );
    await client.query(
      `INSERT INTO team_members (tenant_id, team_id, user_id, role)
       SELECT $1, $2, user_id, 'member' FROM team_members WHERE team_id = $3 AND role = 'admin'`,
      [tenantId, target, source],
    );
    await client.query(
      `INSERT INTO api_keys (tenant_id, user_id, team_id, name, key_type, key_prefix, key_hash)
       SELECT $1, u.id, $2, 'key-' || g, 'secret', 'sk_bench', md5(gen_random_uuid()::text) || md5(gen_random_uuid()::text)
       FROM generate_series(1, $3) AS g
       JOIN LATERAL (SELECT id FROM users WHERE tenant_id = $1 AND email = 'bench-user-' || (1 + g % $4) || '@example.com') u ON true`,
      [tenantId, source, keys, users],
    );
    await client.query(
      `INSERT INTO api_keys (tenant_id, user_id, team_id, name, key_type, key_prefix, key_hash)
       SELECT $1, u.id, $2, 'key-' || g, 'secret', 'sk_bench', md5(gen_random_uuid()::text) || md5(gen_random_uuid()::text)
       FROM generate_series(1, $3, 20) AS g, LATERAL (SELECT id FROM users WHERE tenant_id = $1 LIMIT 1) u`,
      [tenantId, target, keys],
    );
    await client.query('COMMIT');
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const keyCount = envNumber('BENCH_MERGE_KEYS', 10_000);
  const userCount = envNumber('BENCH_MERGE_USERS', 1_000);
  const database = await createBenchDatabase(serverUrl);
  const gateway = await startGateway();
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    GATEHOUSE_ADMIN_EMAIL: ADMIN_EMAIL,
    GATEHOUSE_ADMIN_PASSWORD: ADMIN_PASSWORD,
    LITELLM_URL: gateway.url,
    LITELLM_MASTER_KEY: MASTER_KEY,
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    NODE_ENV: 'development',
  });
  // Loaded only now: the configuration is read from the environment set above.
  const { createApp } = await import('../src/create-app');
  const { Outbox } = await import('../src/platform');
  const app = await createApp();
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;
    const token = (await call(baseUrl, '/v1/auth/login', { email: ADMIN_EMAIL, password: ADMIN_PASSWORD })).access_token as string;
    const tenant = await call(baseUrl, '/v1/tenants', { name: 'bench-merge', plan: 'enterprise', admin: { email: 'owner@bench.example', password: ADMIN_PASSWORD } }, token);
    const tenantId = tenant.id as string;
    const teamsPath = `/v1/tenants/${tenantId}/teams`;
    const source = (await call(baseUrl, teamsPath, { name: 'Bench Source' }, token)).id as string;
    const target = (await call(baseUrl, teamsPath, { name: 'Bench Target' }, token)).id as string;

    const seedStart = Date.now();
    await seed(database.url, tenantId, source, target, userCount, keyCount);
    console.log(`Seeded ${userCount} users and ${keyCount} keys in the source team in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const started = Date.now();
    const result = await call(baseUrl, `${teamsPath}/${target}/merge`, { source_team_id: source, conflict_strategy: 'rename' }, token);
    const answered = Date.now();
    // The response comes after the commit; the outbox then delivers SpiceDB writes and gateway calls.
    await app.get(Outbox).flush();
    const delivered = Date.now();

    const moved = (result.moved_keys as unknown[]).length;
    const renamed = (result.renamed_keys as unknown[]).length;
    const members = (result.members as unknown[]).length;
    console.log(`\nTeam merge, ${keyCount} keys and ${userCount} users, strategy rename, PostgreSQL server, Node ${process.version}`);
    console.log(`keys moved ${moved} (renamed ${renamed}), members ${members}, gateway calls queued ${(result.gateway_sync as { calls: number }).calls}`);
    console.log(`merge response (committed)      ${((answered - started) / 1000).toFixed(2)} s (target < 10 s: ${answered - started < 10_000 ? 'met' : 'NOT met'})`);
    console.log(`outbox delivered (SpiceDB, LiteLLM) ${((delivered - started) / 1000).toFixed(2)} s after the request, gateway calls received ${gateway.calls()}`);
    if (moved !== keyCount || members !== userCount) throw new Error('the merge did not move everything');
  } finally {
    await app.close();
    await gateway.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
