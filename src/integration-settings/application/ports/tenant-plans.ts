/** The plan of a tenant, which decides whether it may override platform settings. */
export abstract class TenantPlans {
  /** `undefined` when the tenant does not exist (or is not visible to the unit of work). */
  abstract planOf(tenantId: string): Promise<string | undefined>;
}
