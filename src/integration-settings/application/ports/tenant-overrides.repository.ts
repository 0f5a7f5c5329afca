import type { Settings } from '../../domain/integration-type';

/** A tenant's overrides of one type: only the fields it set. */
export interface TenantOverrides {
  type: string;
  config: Settings;
  updatedAt: Date;
}

/** Rows of `integration_settings`, inside a unit of work of their tenant. */
export abstract class TenantOverridesRepository {
  abstract findActive(tenantId: string, type: string): Promise<TenantOverrides | undefined>;

  abstract listActive(tenantId: string): Promise<TenantOverrides[]>;

  /**
   * The tenant's overrides of `type` (empty when it has none), locked until the unit of work ends:
   * even the first change of two at once waits for the other.
   */
  abstract lock(tenantId: string, type: string): Promise<Settings>;

  abstract save(tenantId: string, type: string, config: Settings, updatedBy: string): Promise<void>;

  /** Removes the row; whether there was one. */
  abstract delete(tenantId: string, type: string): Promise<boolean>;
}
