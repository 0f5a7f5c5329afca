/**
 * Changes to keys announced by the database to every instance. A write that must take effect
 * everywhere at once waits until the announcement of its keys came back to this instance.
 */
export abstract class KeyChangeFeed {
  /** Starts waiting for announcements of `ids`; call before the change commits, await after. */
  abstract expect(ids: string[]): { arrived: Promise<void>; cancel(): void };
}
