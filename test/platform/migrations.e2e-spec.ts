import { migrations } from '../../migrations';
import { AppConfig } from '../../src/platform/config/app-config';
import { GatehouseDataSource, openDataSource } from '../../src/platform/database/open-data-source';
import { createTestDatabase, TestDatabase } from '../support/test-database';

/** Every migration applies, reverts with its down(), and applies again, on this run's database (embedded or server). */
describe('Migrations', () => {
  let database: TestDatabase;
  let dataSource: GatehouseDataSource;

  const tables = async () =>
    (await dataSource.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' AND tablename <> 'migrations' ORDER BY 1`)).map(
      (r: { tablename: string }) => r.tablename,
    );

  beforeAll(async () => {
    database = await createTestDatabase();
    dataSource = await openDataSource(AppConfig.fromEnv({ NODE_ENV: 'test', ...database.env }));
  });
  afterAll(async () => {
    await dataSource?.destroy();
    await database?.drop();
  });

  it('applies all, reverts all one by one, and applies all again', async () => {
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(migrations.map((m) => new m().name));
    const full = await tables();
    expect(full).toContain('audit_log');
    expect(await dataSource.showMigrations()).toBe(false);

    for (let i = 0; i < migrations.length; i++) await dataSource.undoLastMigration({ transaction: 'each' });
    expect(await tables()).toEqual([]);

    const again = await dataSource.runMigrations({ transaction: 'each' });
    expect(again).toHaveLength(migrations.length);
    expect(await tables()).toEqual(full);
  });

  it('puts the standard policy on every tenant-owned table', async () => {
    const rows = await dataSource.query(`
      SELECT c.relname AS table, c.relrowsecurity AS enabled, c.relforcerowsecurity AS forced,
             p.qual AS using_clause, p.with_check
      FROM pg_class c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id'
      JOIN pg_namespace n ON n.oid = c.relnamespace AND n.nspname = 'public'
      LEFT JOIN pg_policies p ON p.tablename = c.relname AND p.policyname = 'tenant_isolation'
      WHERE c.relkind = 'r' ORDER BY 1`);
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) {
      expect(row).toMatchObject({ enabled: true, forced: true });
      expect(row.using_clause).toContain("current_setting('app.current_tenant'");
      expect(row.with_check).toContain("current_setting('app.current_tenant'");
    }
  });
});
