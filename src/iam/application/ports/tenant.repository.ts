import type { Plan, Tenant } from '../../domain/iam';
import type { Page, PageRequest } from './page';

/** Tenants; works in whichever unit of work is current (RLS shows a tenant only its own row). */
export abstract class TenantRepository {
  /** Inserts; returns undefined when the name is taken. */
  abstract insert(tenant: { name: string; plan: Plan }): Promise<Tenant | undefined>;
  /** Inserts unless the name exists (race-safe); returns the tenant either way. */
  abstract ensure(tenant: { name: string; plan: Plan }): Promise<Tenant>;
  abstract findById(id: string): Promise<Tenant | undefined>;
  abstract list(page: PageRequest): Promise<Page<Tenant>>;
  /** Returns false when the new name is taken. */
  abstract update(id: string, changes: { name?: string; plan?: Plan }): Promise<boolean>;
  abstract delete(id: string): Promise<void>;
  abstract listAll(): Promise<Tenant[]>;
}
