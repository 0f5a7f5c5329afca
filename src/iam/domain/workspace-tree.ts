import type { Workspace } from './iam';

export interface WorkspaceNode extends Workspace {
  children: WorkspaceNode[];
}

/**
 * Moving `workspaceId` under `newParentId` is a cycle when the new parent is the workspace itself
 * or one of its descendants, i.e. when the workspace appears among the new parent's ancestors.
 * `ancestorsOfNewParent` lists the new parent and every ancestor up to the root.
 */
export function wouldCreateCycle(workspaceId: string, ancestorsOfNewParent: readonly string[]): boolean {
  return ancestorsOfNewParent.includes(workspaceId);
}

/**
 * Nests a flat list into trees. A workspace whose parent is not in the list (the root, or a parent
 * the caller may not see) becomes a top-level node, so a partial view stays a forest.
 */
export function buildWorkspaceForest(workspaces: readonly Workspace[]): WorkspaceNode[] {
  const nodes = new Map<string, WorkspaceNode>(workspaces.map((w) => [w.id, { ...w, children: [] }]));
  const roots: WorkspaceNode[] = [];
  for (const node of nodes.values()) {
    const parent = node.parentWorkspaceId ? nodes.get(node.parentWorkspaceId) : undefined;
    if (parent) parent.children.push(node);
    else roots.push(node);
  }
  return roots;
}
