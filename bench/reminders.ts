/**
 * The API key expiry reminder job at size, on the PostgreSQL server: the whole service (this
 * process, e-mail off, no schedule) on a fresh database, seeded set-based in SQL with
 * BENCH_REMINDER_TENANTS tenants, BENCH_REMINDER_USERS_PER_TENANT users each (every one with a
 * preference row) and BENCH_REMINDER_KEYS keys, each followed by its owner. A tenth of the keys
 * expire within the default 7-day notice window (due), a tenth in 8-30 days (examined, not due),
 * seven tenths later and a tenth never. Then one run of the real use case with the in-app channel.
 * Prints keys scanned, reminders sent, seconds, reminders/s, peak RSS and the plan of the
 * due-reminders statement.
 *
 *   npm run bench:reminders
 * Environment: DATABASE_URL (postgres://postgres@127.0.0.1:5432/postgres: the server; a database is
 * created there and dropped after), BENCH_REMINDER_KEYS (1000000), BENCH_REMINDER_TENANTS (1000),
 * BENCH_REMINDER_USERS_PER_TENANT (100), BENCH_LOG_LEVEL (warn).
 */
import 'reflect-metadata';
import { Client } from 'pg';
import { createBenchDatabase } from './support/bench-database';

const envNumber = (name: string, fallback: number): number => {
  const value = Number(process.env[name] ?? fallback);
  if (!Number.isInteger(value) || value <= 0) throw new Error(`${name} must be a positive integer`);
  return value;
};

const mb = (bytes: number): string => `${(bytes / 1024 / 1024).toFixed(0)} MB`;

/** Tenants, users with preferences, keys with spread expiries, and one subscription per key, as the migrating role. */
async function seed(client: Client, tenants: number, usersPerTenant: number, keys: number): Promise<void> {
  const keysPerTenant = Math.ceil(keys / tenants);
  await client.query('BEGIN');
  // Trusted bulk load: foreign keys are known to hold, so their per-row triggers are skipped.
  await client.query(`SET LOCAL session_replication_role = replica`);
  await client.query(`INSERT INTO tenants (name, plan) SELECT 'bench-tenant-' || g, 'pro' FROM generate_series(1, $1) g`, [tenants]);
  await client.query(
    `INSERT INTO users (tenant_id, email, password_hash, role)
     SELECT t.id, 'user-' || u || '@bench.test', 'not-a-login', 'member'
     FROM tenants t CROSS JOIN generate_series(1, $1) u WHERE t.name LIKE 'bench-tenant-%'`,
    [usersPerTenant],
  );
  await client.query(
    `INSERT INTO api_key_notification_preferences (user_id, tenant_id, enabled, days_before_expiry, channels)
     SELECT id, tenant_id, true, NULL, '{email}' FROM users WHERE email LIKE 'user-%@bench.test'`,
  );
  // Key g of a tenant is owned by its user (g % usersPerTenant) + 1; g % 10 decides the expiry band.
  await client.query(
    `WITH owners AS (
       SELECT tenant_id, id, row_number() OVER (PARTITION BY tenant_id ORDER BY id) - 1 AS n
       FROM users WHERE email LIKE 'user-%@bench.test'
     ), numbered AS (
       SELECT t.id AS tenant_id, g FROM tenants t CROSS JOIN generate_series(0, $1 - 1) g WHERE t.name LIKE 'bench-tenant-%'
     )
     INSERT INTO api_keys (tenant_id, user_id, name, key_type, key_prefix, key_hash, expires_at)
     SELECT k.tenant_id, o.id, 'bench-key-' || k.g, 'secret', 'sk_bench', md5(random()::text) || md5(random()::text),
            CASE k.g % 10
              WHEN 0 THEN now() + make_interval(secs => 3600 + random() * 6 * 86400)
              WHEN 1 THEN now() + make_interval(secs => 8 * 86400 + random() * 22 * 86400)
              WHEN 2 THEN NULL
              ELSE now() + make_interval(secs => 31 * 86400 + random() * 700 * 86400)
            END
     FROM numbered k JOIN owners o ON o.tenant_id = k.tenant_id AND o.n = k.g % $2`,
    [keysPerTenant, usersPerTenant],
  );
  await client.query(
    `INSERT INTO api_key_notification_subscriptions (user_id, api_key_id, tenant_id, source)
     SELECT user_id, id, tenant_id, 'auto' FROM api_keys`,
  );
  await client.query('COMMIT');
  for (const table of ['tenants', 'users', 'api_keys', 'api_key_notification_subscriptions', 'api_key_notification_preferences']) {
    await client.query(`ANALYZE ${table}`);
  }
}

async function main(): Promise<void> {
  const serverUrl = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  const keyCount = envNumber('BENCH_REMINDER_KEYS', 1_000_000);
  const tenantCount = envNumber('BENCH_REMINDER_TENANTS', 1_000);
  const usersPerTenant = envNumber('BENCH_REMINDER_USERS_PER_TENANT', 100);
  const database = await createBenchDatabase(serverUrl);
  Object.assign(process.env, {
    DATABASE_URL: database.url,
    GATEHOUSE_ADMIN_EMAIL: 'bench-admin@gatehouse.local',
    GATEHOUSE_ADMIN_PASSWORD: 'bench-admin-password-000001',
    GATEHOUSE_REMINDER_CRON: 'off',
    SMTP_URL: '',
    LOG_LEVEL: process.env.BENCH_LOG_LEVEL ?? 'warn',
    NODE_ENV: 'development',
  });
  // Loaded only now: the configuration is read from the environment set above.
  const { createApp } = await import('../src/create-app');
  const { AppConfig } = await import('../src/platform');
  const { RunReminderJobUseCase } = await import('../src/notifications/application/reminders/run-reminder-job.use-case');
  const { ReminderDeliveryStore } = await import('../src/notifications/application/reminders/reminder-delivery.store');
  const { DUE_REMINDERS_SQL, EXPIRED_NOTICE_DAYS } = await import('../src/notifications/adapters/persistence/due-reminders.sql');
  const app = await createApp();
  const batchSize = app.get(AppConfig).reminders.batchSize;
  const client = new Client({ connectionString: database.url });
  try {
    await app.init();
    await client.connect();
    const seedStart = Date.now();
    await seed(client, tenantCount, usersPerTenant, keyCount);
    const [{ keys }] = (await client.query(`SELECT count(*)::int AS keys FROM api_keys`)).rows;
    console.log(`Seeded ${keys} keys, ${tenantCount * usersPerTenant} users and ${keys} subscriptions in ${tenantCount} tenants in ${((Date.now() - seedStart) / 1000).toFixed(1)} s`);

    const plan = await client.query(`EXPLAIN ${DUE_REMINDERS_SQL}`, [new Date().toISOString(), ['in_app'], EXPIRED_NOTICE_DAYS]);

    // Peak RSS of this process from here on: reset the high-water mark by sampling it ourselves.
    global.gc?.();
    const before = process.memoryUsage();
    const baseline = before.rss;
    let peak = baseline;
    let peakUsage = process.memoryUsage();
    const sample = () => {
      const usage = process.memoryUsage();
      if (usage.rss > peak) [peak, peakUsage] = [usage.rss, usage];
    };
    const sampler = setInterval(sample, 50);
    // Times the planning statement inside the run, without changing what the run does.
    const store = app.get(ReminderDeliveryStore);
    const planDue = store.planDue.bind(store);
    let planSeconds = 0;
    store.planDue = async (...args) => {
      const planStart = process.hrtime.bigint();
      try {
        return await planDue(...args);
      } finally {
        planSeconds = Number(process.hrtime.bigint() - planStart) / 1e9;
      }
    };
    const started = process.hrtime.bigint();
    const counts = await app.get(RunReminderJobUseCase).run();
    const seconds = Number(process.hrtime.bigint() - started) / 1e9;
    clearInterval(sampler);
    sample();
    const [{ inbox }] = (await client.query(`SELECT count(*)::int AS inbox FROM notifications`)).rows;

    console.log(`\nReminder job, ${keys} keys in ${tenantCount} tenants, in-app channel, PostgreSQL server, Node ${process.version}`);
    console.log(`keys scanned ${counts.keysScanned}, reminders due ${counts.due}, sent ${counts.sent.in_app} (inbox rows ${inbox}), failed ${counts.failed}`);
    console.log(`run ${seconds.toFixed(2)} s, ${Math.round(counts.sent.in_app / seconds)} reminders/s (target < 60 s: ${seconds < 60 ? 'met' : 'NOT met'})`);
    console.log(`  of which planning (one statement) ${planSeconds.toFixed(2)} s, claiming and sending in batches of ${batchSize} ${(seconds - planSeconds).toFixed(2)} s`);
    console.log(
      `RSS before the run ${mb(baseline)}, peak during it ${mb(peak)}, process high-water mark ${mb(process.resourceUsage().maxRSS * 1024)} (target < 300 MB: ${peak < 300 * 1024 * 1024 ? 'met' : 'NOT met'})`,
    );
    console.log(
      `  before the run: JS heap used ${mb(before.heapUsed)} of ${mb(before.heapTotal)}; at the peak: JS heap used ${mb(peakUsage.heapUsed)} of ${mb(peakUsage.heapTotal)}, external ${mb(peakUsage.external)}, array buffers ${mb(peakUsage.arrayBuffers)}`,
    );
    console.log('\nPlan of the due-reminders statement (EXPLAIN):');
    for (const row of plan.rows) console.log(`  ${row['QUERY PLAN']}`);
    if (counts.sent.in_app !== counts.due || counts.failed > 0) throw new Error('the run did not send every due reminder');
  } finally {
    await client.end().catch(() => undefined);
    await app.close();
    await database.drop();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
