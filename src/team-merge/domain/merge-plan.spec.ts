import { freeName, MergeInput, planMerge, slug } from './merge-plan';
import { TeamMergeConflict } from './team-merge-errors';

const source = { id: 's', tenantId: 't', name: 'Data Team' };
const target = { id: 'g', tenantId: 't', name: 'Platform' };
const input = (over: Partial<MergeInput> = {}): MergeInput => ({
  source,
  target,
  sourceMembers: [],
  targetMembers: [],
  sourceKeys: [],
  targetLiveKeyNames: [],
  strategy: 'rename',
  ...over,
});

describe('planMerge', () => {
  it('refuses with cancel, listing every conflicting live name', () => {
    const run = () =>
      planMerge(
        input({
          strategy: 'cancel',
          sourceKeys: [
            { id: '1', name: 'prod', live: true },
            { id: '2', name: 'Dev', live: true },
            { id: '3', name: 'ci', live: false },
          ],
          targetLiveKeyNames: ['PROD', 'dev', 'ci'],
        }),
      );
    expect(run).toThrow(TeamMergeConflict);
    try {
      run();
    } catch (error) {
      expect((error as TeamMergeConflict).details).toEqual({ conflicting_names: ['prod', 'Dev'] });
    }
  });

  it('renames with the slugged team name, then _2, _3 past names taken in the target or by moving keys', () => {
    const plan = planMerge(
      input({
        sourceKeys: [
          { id: '1', name: 'x', live: true },
          { id: '2', name: 'x_data-team_2', live: true },
        ],
        targetLiveKeyNames: ['x', 'X_DATA-TEAM'],
      }),
    );
    expect(plan.conflicts).toEqual([{ keyId: '1', name: 'x', resolution: 'rename', newName: 'x_data-team_3' }]);
    expect(plan.movedKeys).toEqual([
      { keyId: '1', name: 'x_data-team_3' },
      { keyId: '2', name: 'x_data-team_2' },
    ]);
  });

  it('revokes conflicting keys with delete and moves the rest', () => {
    const plan = planMerge(input({ strategy: 'delete', sourceKeys: [{ id: '1', name: 'a', live: true }, { id: '2', name: 'b', live: true }], targetLiveKeyNames: ['a'] }));
    expect(plan.conflicts).toEqual([{ keyId: '1', name: 'a', resolution: 'revoke' }]);
    expect(plan.movedKeys).toEqual([{ keyId: '2', name: 'b' }]);
  });

  it('keeps one membership per user with the higher role', () => {
    const plan = planMerge(
      input({
        sourceMembers: [
          { userId: 'u1', role: 'admin' },
          { userId: 'u2', role: 'member' },
          { userId: 'u3', role: 'member' },
        ],
        targetMembers: [
          { userId: 'u1', role: 'member' },
          { userId: 'u2', role: 'admin' },
        ],
      }),
    );
    expect(plan.members).toEqual([
      { userId: 'u1', role: 'admin', outcome: 'promoted' },
      { userId: 'u2', role: 'admin', outcome: 'kept' },
      { userId: 'u3', role: 'member', outcome: 'added' },
    ]);
  });

  it('keeps renamed names within the 200-character limit', () => {
    const long = 'k'.repeat(200);
    expect(freeName(long, 'team', new Set())).toHaveLength(200);
    expect(freeName(long, 'team', new Set())).toMatch(/_team$/);
  });

  it('slugs team names', () => {
    expect(slug('Data Team!')).toBe('data-team');
    expect(slug('Équipe  ß')).toBe('equipe');
    expect(slug('***')).toBe('merged');
  });
});
