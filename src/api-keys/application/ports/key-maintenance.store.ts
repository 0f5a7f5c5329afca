/** A key changed by maintenance: its cache entry must go on this instance (the table's trigger tells the others). */
export interface MaintainedKey {
  id: string;
  tenantId: string;
}

/** Set-based maintenance across every tenant, inside a system unit of work; each writes its own audit records. */
export abstract class KeyMaintenanceStore {
  /** Takes the cluster-wide maintenance lock for the current unit of work; false when another run holds it. */
  abstract tryLock(): Promise<boolean>;
  /** Rotated-out keys whose grace ended by `now` and have no reason code yet get `rotation_completed`. */
  abstract finalizeRotations(now: Date): Promise<MaintainedKey[]>;
  /** Live keys of tenants with `auto_expire_unused_days`, unused (last use, or creation) for that long, expire `now`. */
  abstract expireUnused(now: Date): Promise<MaintainedKey[]>;
  /** Deletes usage rows older than `before`; returns how many. */
  abstract pruneUsage(before: Date): Promise<number>;
}
