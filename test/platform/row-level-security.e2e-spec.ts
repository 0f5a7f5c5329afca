import { randomUUID } from 'node:crypto';
import { TransactionRunner } from '../../src/platform/database/transaction-runner';
import { startTestApp, TestApp } from '../support/test-app';

/** The standard tenant policy, proved at the database level on a tenant-owned table (audit_log), as app_user. */
describe('Row-level security as app_user', () => {
  let t: TestApp;
  let tx: TransactionRunner;
  const tenantA = randomUUID();
  const tenantB = randomUUID();

  const insert = (tenantId: string, action: string) =>
    tx.manager.query(
      `INSERT INTO audit_log (tenant_id, actor_type, action, resource_type) VALUES ($1, 'system', $2, 'test') RETURNING id`,
      [tenantId, action],
    );
  const actions = () =>
    tx.manager.query(`SELECT action FROM audit_log ORDER BY action`).then((rows: Array<{ action: string }>) => rows.map((r) => r.action));

  beforeAll(async () => {
    t = await startTestApp();
    tx = t.app.get(TransactionRunner);
    await tx.inTenant(tenantA, () => insert(tenantA, 'a-1'));
    await tx.inTenant(tenantB, () => insert(tenantB, 'b-1'));
  });
  afterAll(() => t.close());

  it('runs tenant work as app_user, neither superuser nor table owner', async () => {
    const [me] = await tx.inTenant(tenantA, () =>
      tx.manager.query(`SELECT current_user AS role, r.rolsuper AS superuser, r.rolbypassrls AS bypass,
        (SELECT tableowner FROM pg_tables WHERE tablename = 'audit_log') AS owner
        FROM pg_roles r WHERE r.rolname = current_user`),
    );
    expect(me).toMatchObject({ role: 'app_user', superuser: false, bypass: false });
    expect(me.owner).not.toBe('app_user');
  });

  it("shows tenant A only its own rows", async () => {
    expect(await tx.inTenant(tenantA, actions)).toEqual(['a-1']);
    expect(await tx.inTenant(tenantB, actions)).toEqual(['b-1']);
  });

  it("cannot insert a row for tenant B while tenant A is set", async () => {
    await expect(tx.inTenant(tenantA, () => insert(tenantB, 'smuggled'))).rejects.toThrow(/row-level security/);
    expect(await tx.inTenant(tenantB, actions)).toEqual(['b-1']);
  });

  it("cannot update or delete tenant B's rows while tenant A is set", async () => {
    const updated = await tx.inTenant(tenantA, () =>
      tx.manager.query(`UPDATE audit_log SET action = 'changed' WHERE tenant_id = $1`, [tenantB]),
    );
    const deleted = await tx.inTenant(tenantA, () => tx.manager.query(`DELETE FROM audit_log WHERE tenant_id = $1`, [tenantB]));
    expect(updated[1]).toBe(0);
    expect(deleted[1]).toBe(0);
    expect(await tx.inTenant(tenantB, actions)).toEqual(['b-1']);
  });

  it('cannot move a row of its own into tenant B', async () => {
    await expect(
      tx.inTenant(tenantA, () => tx.manager.query(`UPDATE audit_log SET tenant_id = $1`, [tenantB])),
    ).rejects.toThrow(/row-level security/);
  });

  it('sees no rows at all when no tenant is set', async () => {
    const rows = await t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE app_user`);
      return manager.query(`SELECT count(*)::int AS n FROM audit_log`);
    });
    expect(rows[0].n).toBe(0);
  });

  it('keeps the tenant setting inside its transaction', async () => {
    await tx.inTenant(tenantA, actions);
    const [after] = await t.dataSource.query(`SELECT current_user AS role, current_setting('app.current_tenant', true) AS tenant`);
    expect(after.role).not.toBe('app_user');
    expect(after.tenant ?? '').toBe('');
  });

  it('crosses tenants only on the explicit system path', async () => {
    expect(await tx.asSystem(actions)).toEqual(['a-1', 'b-1']);
  });
});
