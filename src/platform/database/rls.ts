/**
 * The standard tenant isolation policy, for migrations: rows are visible and writable only when
 * their tenant column equals the transaction's `app.current_tenant`. FORCE makes it bind the
 * table owner too; only the BYPASSRLS role `app_system` sees across tenants.
 */
export function enableTenantIsolation(table: string, column = 'tenant_id'): string[] {
  const match = `${column}::text = current_setting('app.current_tenant', true)`;
  return [
    `ALTER TABLE "${table}" ENABLE ROW LEVEL SECURITY`,
    `ALTER TABLE "${table}" FORCE ROW LEVEL SECURITY`,
    `CREATE POLICY tenant_isolation ON "${table}" USING (${match}) WITH CHECK (${match})`,
  ];
}

export function disableTenantIsolation(table: string): string[] {
  return [
    `DROP POLICY IF EXISTS tenant_isolation ON "${table}"`,
    `ALTER TABLE "${table}" NO FORCE ROW LEVEL SECURITY`,
    `ALTER TABLE "${table}" DISABLE ROW LEVEL SECURITY`,
  ];
}
