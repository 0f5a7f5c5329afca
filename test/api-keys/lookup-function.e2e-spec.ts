import { createHmac } from 'node:crypto';
import { createTenant, loginAsAdmin, startIamApp } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createKey } from './key-fixtures';

/** The one path past row-level security for keys: narrow, definer-owned, callable by app_user only. */
describe('api_key_by_hash', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startIamApp();
  });
  afterAll(() => t?.close());

  const asAppUser = <T>(tenantId: string, sql: string, params: unknown[] = []): Promise<T> =>
    t.dataSource.transaction(async (m) => {
      await m.query(`SET LOCAL ROLE app_user`);
      await m.query(`SELECT set_config('app.current_tenant', $1, true)`, [tenantId]);
      return m.query(sql, params);
    });

  it('is SECURITY DEFINER with a fixed search_path, executable by app_user and not by PUBLIC', async () => {
    const [fn] = await t.dataSource.query(
      `SELECT p.prosecdef, p.proconfig, has_function_privilege('app_user', p.oid, 'EXECUTE') AS app_user_can,
              has_function_privilege('app_system', p.oid, 'EXECUTE') AS app_system_can,
              EXISTS (SELECT 1 FROM aclexplode(p.proacl) a WHERE a.grantee = 0) AS public_can
       FROM pg_proc p WHERE p.proname = 'api_key_by_hash'`,
    );
    expect(fn).toMatchObject({ prosecdef: true, app_user_can: true, app_system_can: false, public_can: false });
    expect(fn.proconfig).toEqual(['search_path=pg_catalog, pg_temp']);
  });

  it('finds one key by its hash whatever the tenant, while the table itself stays isolated', async () => {
    const systemToken = await loginAsAdmin(t);
    const a = await createTenant(t, systemToken);
    const b = await createTenant(t, systemToken);
    const issued = await createKey(t, a.admin.token, a.id, { scopes: ['models:read'] });
    const hash = createHmac('sha256', t.config.secrets.keyPepper).update(issued.key).digest('hex');
    const viaFunction = await asAppUser<Array<Record<string, unknown>>>(b.id, `SELECT id, tenant_id, scopes FROM api_key_by_hash($1)`, [hash]);
    expect(viaFunction).toEqual([{ id: issued.id, tenant_id: a.id, scopes: ['models:read'] }]);
    expect(await asAppUser(b.id, `SELECT id FROM api_keys WHERE key_hash = $1`, [hash])).toEqual([]);
    expect(await asAppUser(b.id, `SELECT * FROM api_key_by_hash($1)`, ['0'.repeat(64)])).toEqual([]);
  });
});
