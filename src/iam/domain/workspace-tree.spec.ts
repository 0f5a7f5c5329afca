import type { Workspace } from './iam';
import { buildWorkspaceForest, wouldCreateCycle } from './workspace-tree';

const ws = (id: string, parent: string | null): Workspace => ({
  id,
  tenantId: 't',
  parentWorkspaceId: parent,
  name: id,
  isRoot: parent === null,
  createdAt: new Date(0),
  updatedAt: new Date(0),
});

describe('workspace tree rules', () => {
  it('refuses a move under the workspace itself or any of its descendants', () => {
    // root > a > b > c ; moving a under c: c's ancestors are [c, b, a, root]
    expect(wouldCreateCycle('a', ['c', 'b', 'a', 'root'])).toBe(true);
    expect(wouldCreateCycle('a', ['a', 'root'])).toBe(true);
  });

  it('allows a move under a sibling branch', () => {
    expect(wouldCreateCycle('b', ['x', 'root'])).toBe(false);
  });

  it('nests a flat list, keeping orphans (parents not visible) as top-level nodes', () => {
    const forest = buildWorkspaceForest([ws('root', null), ws('a', 'root'), ws('b', 'a'), ws('lonely', 'hidden')]);
    expect(forest.map((n) => n.id)).toEqual(['root', 'lonely']);
    expect(forest[0].children.map((n) => n.id)).toEqual(['a']);
    expect(forest[0].children[0].children.map((n) => n.id)).toEqual(['b']);
  });
});
