/**
 * API key verification under load, on the PostgreSQL server: the whole service (this process)
 * on a fresh database seeded with 100,000 keys in 100 tenants, driven by autocannon from a
 * second process at 50 connections, 10 s per route:
 *   (a) GET /health                       no credential, no database
 *   (b) GET /v1/api-keys/me               authenticated by a valid key (X-API-Key)
 *   (c) POST /v1/api-keys/verify          a gateway key verifying another key of its tenant
 *   (d) GET /bench/key-ceiling            (b)'s work in a bare Fastify route, without Nest's router
 *                                         (support/key-ceiling-route.ts): the ceiling for b/a
 * Prints requests/s, p50 and p99 of each, the server's and the load generator's CPU time per
 * request, and the ratios b/a, c/a and d/a. (a) runs once more at the end; the ratios are taken
 * against the faster of its two runs, so a slow moment of the machine during (a) cannot flatter them.
 *
 *   npm run bench:verify
 * Environment: DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres: the server; a database is
 * created there and dropped after), BENCH_DURATION_SECONDS (10), BENCH_CONNECTIONS (50),
 * BENCH_WARMUP_SECONDS (2), BENCH_KEYS (100000), BENCH_TENANTS (100), BENCH_LOG_LEVEL (warn),
 * BENCH_ROUTES (a,b,c,d: a subset, e.g. `b` alone under a profiler).
 */
import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createBenchDatabase } from './support/bench-database';
import { LoadRequest, LoadResult, loadFromSecondProcess, serveLoadRequests } from './support/load';
import { KEY_CEILING_PATH, mountKeyCeilingRoute } from './support/key-ceiling-route';
import { seedKeys } from './support/seed-keys';

const PEPPER = 'bench-key-pepper-0123456789abcdef0123456789';

const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isFinite(value) || value <= 0) throw new Error(`${name} must be a positive number`);
  return value;
};

interface Route {
  label: string;
  method: 'GET' | 'POST';
  path: string;
  headers: Record<string, string>;
  body?: string;
  expect: (status: number, body: unknown) => boolean;
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const duration = envNumber('BENCH_DURATION_SECONDS', 10);
  const warmup = envNumber('BENCH_WARMUP_SECONDS', 2);
  const connections = envNumber('BENCH_CONNECTIONS', 50);
  const keyCount = envNumber('BENCH_KEYS', 100_000);
  const tenantCount = envNumber('BENCH_TENANTS', 100);

  const database = await createBenchDatabase(serverUrl);
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    GATEHOUSE_KEY_PEPPER: PEPPER,
    GATEHOUSE_ADMIN_PASSWORD: 'bench-admin-password-000001',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    NODE_ENV: 'development',
  });
  // Loaded only now: the configuration is read from the environment set above.
  const { createApp } = await import('../src/create-app');
  const app = await createApp();
  mountKeyCeilingRoute(app);
  try {
    await app.listen(0, '127.0.0.1');
    const { port } = app.getHttpServer().address() as AddressInfo;
    const baseUrl = `http://127.0.0.1:${port}`;

    const seedStart = Date.now();
    const { keys } = await seedKeys(database.url, PEPPER, tenantCount, keyCount);
    console.log(`Seeded ${keyCount} keys in ${tenantCount} tenants in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);
    const caller = keys[0];
    const verified = keys[tenantCount]; // same tenant as the caller

    const allRoutes: Route[] = [
      { label: '(a) GET /health', method: 'GET', path: '/health', headers: {}, expect: (s) => s === 200 },
      {
        label: '(b) GET /v1/api-keys/me (key)',
        method: 'GET',
        path: '/v1/api-keys/me',
        headers: { 'x-api-key': caller },
        expect: (s, b) => s === 200 && typeof (b as { key_id?: unknown }).key_id === 'string',
      },
      {
        label: '(c) POST /v1/api-keys/verify',
        method: 'POST',
        path: '/v1/api-keys/verify',
        headers: { 'x-api-key': caller, 'content-type': 'application/json' },
        body: JSON.stringify({ key: verified }),
        expect: (s, b) => s === 200 && (b as { valid?: unknown }).valid === true,
      },
      {
        label: '(d) GET /bench/key-ceiling',
        method: 'GET',
        path: KEY_CEILING_PATH,
        headers: { 'x-api-key': caller },
        expect: (s, b) => s === 200 && typeof (b as { key_id?: unknown }).key_id === 'string',
      },
    ];
    const chosen = (process.env.BENCH_ROUTES ?? 'a,b,c,d').split(',').map((letter) => letter.trim());
    const routes = allRoutes.filter((route) => chosen.includes(route.label[1]));

    // A benchmark of a route that answers wrongly measures nothing: check each answer first.
    for (const route of allRoutes) {
      const res = await fetch(`${baseUrl}${route.path}`, { method: route.method, headers: route.headers, body: route.body });
      const body = await res.json();
      if (!route.expect(res.status, body)) throw new Error(`${route.label}: unexpected ${res.status} ${JSON.stringify(body)}`);
    }
    const refused = await fetch(`${baseUrl}/v1/api-keys/me`, { headers: { 'x-api-key': `${caller.slice(0, -1)}${caller.endsWith('x') ? 'y' : 'x'}` } });
    if (refused.status !== 401) throw new Error(`a mistyped key got ${refused.status}`);

    console.log(
      `API key verification, ${connections} connections, ${duration} s per route (after ${warmup} s warm-up), ` +
        `Node ${process.version}, load from a second process, log level ${process.env.LOG_LEVEL}`,
    );
    const results: LoadResult[] = [];
    for (const route of routes) {
      const request: LoadRequest = { url: `${baseUrl}${route.path}`, method: route.method, headers: route.headers, body: route.body, connections, duration };
      await loadFromSecondProcess(__filename, { ...request, duration: warmup });
      const result = await loadFromSecondProcess(__filename, request);
      if (result.non2xx > 0 || result.errors > 0) throw new Error(`${route.label}: ${result.non2xx} non-2xx answers, ${result.errors} errors`);
      results.push(result);
    }
    // (a) once more at the end: the machine's speed changing during the run shows here, and the ratios take the faster run.
    const again = routes[0] === allRoutes[0] && routes.length > 1 ? await loadFromSecondProcess(__filename, { url: `${baseUrl}/health`, method: 'GET', headers: {}, connections, duration }) : undefined;

    console.log('\nroute                             req/s    p50 ms  p99 ms  requests  server CPU us/req  client CPU us/req');
    routes.forEach((route, i) => {
      const r = results[i];
      console.log(
        `${route.label.padEnd(32)} ${r.requestsPerSecond.toFixed(0).padStart(7)}  ${r.p50.toFixed(0).padStart(6)}  ${r.p99.toFixed(0).padStart(6)}  ${String(r.requests).padStart(8)}` +
          `  ${r.serverCpuMicrosPerRequest.toFixed(1).padStart(17)}  ${r.clientCpuMicrosPerRequest.toFixed(1).padStart(17)}`,
      );
    });
    if (again) {
      console.log(
        `${'(a) again, after the others'.padEnd(32)} ${again.requestsPerSecond.toFixed(0).padStart(7)}  ${again.p50.toFixed(0).padStart(6)}  ${again.p99.toFixed(0).padStart(6)}  ${String(again.requests).padStart(8)}` +
          `  ${again.serverCpuMicrosPerRequest.toFixed(1).padStart(17)}  ${again.clientCpuMicrosPerRequest.toFixed(1).padStart(17)}`,
      );
    }
    if (routes.length < allRoutes.length) return;
    // The baseline is the faster of the two runs of (a): a slow moment of the machine during (a)
    // must not flatter the ratios.
    const [first, b, c, d] = results;
    const a = again && again.requestsPerSecond > first.requestsPerSecond ? again : first;
    const ratioB = b.requestsPerSecond / a.requestsPerSecond;
    const ratioC = c.requestsPerSecond / a.requestsPerSecond;
    const ratioD = d.requestsPerSecond / a.requestsPerSecond;
    console.log(`\nagainst (a) ${a === first ? 'first run' : 'run again'}: ${a.requestsPerSecond.toFixed(0)} req/s, the faster of the two`);
    console.log(`b/a = ${ratioB.toFixed(2)} (target >= 0.80: ${ratioB >= 0.8 ? 'met' : 'NOT met'})`);
    console.log(`c/a = ${ratioC.toFixed(2)}`);
    console.log(`d/a = ${ratioD.toFixed(2)} (the same key work without Nest's router: the ceiling for b/a on this machine)`);
    console.log(`p99 of (b) = ${b.p99} ms (target < 10 ms: ${b.p99 < 10 ? 'met' : 'NOT met'})`);
    // Requests per second depend on what else the machine runs (the load generator shares it); CPU per request does not.
    console.log(
      `server CPU per request: (b) ${b.serverCpuMicrosPerRequest.toFixed(1)} us vs (a) ${a.serverCpuMicrosPerRequest.toFixed(1)} us ` +
        `(a/b = ${(a.serverCpuMicrosPerRequest / b.serverCpuMicrosPerRequest).toFixed(2)}); ` +
        `load generator ${a.clientCpuMicrosPerRequest.toFixed(1)} us per request of (a)`,
    );
  } finally {
    await app.close();
    await database.drop();
  }
}

if (process.argv[2] === 'load') {
  serveLoadRequests();
} else {
  main().catch((error: unknown) => {
    console.error(error);
    process.exit(1);
  });
}
