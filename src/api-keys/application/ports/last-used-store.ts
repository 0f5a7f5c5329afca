/** Where last-use times land, in batches. */
export abstract class LastUsedStore {
  /** Moves each key's last_used_at forward to the given time (never backwards). */
  abstract record(uses: Map<string, Date>): Promise<void>;
}
