import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { AppConfig } from '../../src/platform/config/app-config';
import { openDataSource } from '../../src/platform/database/open-data-source';
import { TransactionRunner } from '../../src/platform/database/transaction-runner';
import { bearer, createTenant, createWorkspace, login, loginAsAdmin, startIamApp } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createTestDatabase, describeOnServer, onServer, TestDatabase } from '../support/test-database';

const counts = async (t: TestApp) => {
  const tx = t.app.get(TransactionRunner);
  const [row] = await tx.asSystem(() =>
    tx.manager.query(`SELECT
      (SELECT count(*)::int FROM tenants) AS tenants,
      (SELECT count(*)::int FROM workspaces WHERE is_root) AS roots,
      (SELECT count(*)::int FROM users WHERE is_system_admin) AS admins`),
  );
  return row as { tenants: number; roots: number; admins: number };
};

/** A database that outlives one app: a data folder for embedded PostgreSQL, or a server database. */
async function durableDatabase(): Promise<TestDatabase> {
  if (onServer) return createTestDatabase();
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-iam-'));
  return { env: { GATEHOUSE_DATA_DIR: dataDir }, drop: async () => rmSync(dataDir, { recursive: true, force: true }) };
}

describe('Startup bootstrap', () => {
  it('creates the default tenant, its root and the administrator once, and rebuilds authorization after a restart', async () => {
    const database = await durableDatabase();
    try {
      const first = await startIamApp({ database, env: { GATEHOUSE_DEFAULT_TENANT_NAME: 'home', GATEHOUSE_DEFAULT_WORKSPACE_NAME: 'All' } });
      let tenantId: string;
      let workspaceId: string;
      let adminEmail: string;
      try {
        expect(await counts(first)).toEqual({ tenants: 1, roots: 1, admins: 1 });
        const systemToken = await loginAsAdmin(first);
        const me = await first.http.get('/v1/me').set(bearer(systemToken)).expect(200);
        const home = await first.http.get(`/v1/tenants/${me.body.tenant_id}`).set(bearer(systemToken)).expect(200);
        expect(home.body).toMatchObject({ name: 'home' });
        const root = await first.http.get(`/v1/tenants/${home.body.id}/workspaces/${home.body.root_workspace_id}`).set(bearer(systemToken)).expect(200);
        expect(root.body.name).toBe('All');
        const tenant = await createTenant(first, systemToken);
        tenantId = tenant.id;
        adminEmail = tenant.admin.email;
        workspaceId = await createWorkspace(first, tenant.admin.token, tenant.id);
      } finally {
        await first.close();
      }

      // The embedded SpiceDB starts empty: the second start must rebuild it from the tables.
      const second = await startIamApp({ database, env: { GATEHOUSE_DEFAULT_TENANT_NAME: 'home' } });
      try {
        expect(await counts(second)).toEqual({ tenants: 2, roots: 2, admins: 1 });
        const token = await login(second, adminEmail, 'a-long-enough-password');
        await second.http.get(`/v1/tenants/${tenantId}/workspaces/${workspaceId}`).set(bearer(token)).expect(200);
        await second.http.get('/v1/tenants').set(bearer(await loginAsAdmin(second))).expect(200);
      } finally {
        await second.close();
      }
    } finally {
      await database.drop();
    }
  });

  it('prints a generated password once on the console, never in the structured log', async () => {
    const database = await durableDatabase();
    const printed: string[] = [];
    const original = process.stdout.write.bind(process.stdout);
    const spy = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: string | Uint8Array, ...rest: unknown[]) => {
      printed.push(String(chunk));
      return (original as (...args: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof process.stdout.write);
    try {
      const env = { GATEHOUSE_ADMIN_EMAIL: 'first@gatehouse.test', GATEHOUSE_ADMIN_PASSWORD: '' };
      const first = await startIamApp({ database, env });
      let password: string;
      try {
        const text = printed.join('');
        const match = /Generated password[^:]*: (\S+)/.exec(text);
        expect(match).not.toBeNull();
        password = match![1];
        expect(password.length).toBeGreaterThanOrEqual(20);
        expect(first.log.text).not.toContain(password);
        await login(first, 'first@gatehouse.test', password);
      } finally {
        await first.close();
      }
      printed.length = 0;
      const second = await startIamApp({ database, env });
      try {
        expect(printed.join('')).not.toContain('Generated password');
        await login(second, 'first@gatehouse.test', password);
      } finally {
        await second.close();
      }
    } finally {
      spy.mockRestore();
      await database.drop();
    }
  });

  it('refuses to start in production without GATEHOUSE_ADMIN_PASSWORD', () => {
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'production', GATEHOUSE_SESSION_SECRET: 's'.repeat(40), GATEHOUSE_KEY_PEPPER: 'p'.repeat(40), GATEHOUSE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64') })).toThrow(
      /GATEHOUSE_ADMIN_PASSWORD/,
    );
  });
});

describeOnServer('Startup bootstrap, several instances at once', () => {
  it('ends with exactly one default tenant, one root workspace and one administrator', async () => {
    const database = await createTestDatabase();
    const apps: TestApp[] = [];
    try {
      // Migrate once, then start the instances together on the empty, migrated database.
      const migrator = await openDataSource(AppConfig.fromEnv({ NODE_ENV: 'test', ...database.env }));
      await migrator.runMigrations({ transaction: 'each' });
      await migrator.destroy();
      const started = await Promise.allSettled(
        Array.from({ length: 4 }, () => startIamApp({ database, env: { GATEHOUSE_MIGRATE_ON_START: 'false', GATEHOUSE_DB_POOL_SIZE: '3' } })),
      );
      for (const result of started) if (result.status === 'fulfilled') apps.push(result.value);
      expect(started.map((r) => r.status)).toEqual(['fulfilled', 'fulfilled', 'fulfilled', 'fulfilled']);
      expect(await counts(apps[0])).toEqual({ tenants: 1, roots: 1, admins: 1 });
      for (const app of apps) await loginAsAdmin(app);
    } finally {
      for (const app of apps) await app.close();
      await database.drop();
    }
  });
});
