/** Key uses waiting to be written, column by column (one array per column, no object per use). */
export interface UsageColumns {
  tenantIds: string[];
  keyIds: string[];
  usedAtMs: number[];
  methods: string[];
  routes: string[];
  statuses: number[];
  clientAddresses: Array<string | null>;
  userAgents: Array<string | null>;
}

/** One recorded use of a key. */
export interface KeyUse {
  id: string;
  usedAt: Date;
  method: string;
  route: string;
  status: number;
  clientAddress: string | null;
  userAgent: string | null;
}

/** Where the previous page ended (newest first): time in microseconds and row id. */
export interface UsagePagePosition {
  usedAtMicros: string;
  id: string;
}

export interface UsagePage {
  items: KeyUse[];
  next?: UsagePagePosition;
}

/** The usage log table: batched appends across tenants, and one key's history. */
export abstract class UsageLog {
  /** Writes a batch of uses of any tenants' keys in one statement (as the system); uses of tenants no longer there are dropped. */
  abstract append(batch: UsageColumns): Promise<void>;
  /** Removes every use of the current tenant's keys (tenant deletion, in its transaction). */
  abstract eraseTenant(tenantId: string): Promise<void>;
  /** A key's uses in the current tenant, newest first. */
  abstract page(keyId: string, limit: number, after?: UsagePagePosition): Promise<UsagePage>;
}
