/** Names around a key, for people answering a leak: its tenant, owner and team. */
export interface KeyWhereabouts {
  tenantName: string | null;
  ownerEmail: string | null;
  teamName: string | null;
}

/** Reads the names of a key's tenant, owner and team inside the current tenant unit of work. */
export abstract class KeyDirectory {
  abstract whereabouts(tenantId: string, ownerId: string, teamId: string | null): Promise<KeyWhereabouts>;
}
