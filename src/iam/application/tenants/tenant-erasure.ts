/**
 * What another module does when a tenant is deleted, inside the same transaction: remove what
 * ON DELETE CASCADE from `tenants` does not (e.g. queue the removal of its own SpiceDB
 * relationships). Provide a class extending this one; tenant deletion finds every provider.
 */
export abstract class TenantErasure {
  abstract eraseTenant(tenantId: string): Promise<void>;
}
