/** The current tenant's workspace tree, as far as key scopes need it. */
export abstract class WorkspaceTree {
  /** `id`, then its parent, up to the root; empty when no such workspace is visible in the current tenant. */
  abstract ancestorsOf(id: string): Promise<string[]>;
}
