/** The new key, as another module needs it. */
export interface CreatedApiKey {
  id: string;
  tenantId: string;
  /** The user who created (and owns) the key. */
  creatorId: string;
  teamId: string | null;
}

/**
 * What another module does when a key is created, inside the creation's transaction (the key's
 * tenant is set), so it commits or rolls back with the key: e.g. subscribe people to its expiry
 * reminders. Provide a class extending this one; key creation finds every provider at start-up.
 */
export abstract class ApiKeyCreatedHook {
  abstract keyCreated(key: CreatedApiKey): Promise<void>;
}
