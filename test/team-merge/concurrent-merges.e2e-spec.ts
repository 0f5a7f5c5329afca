import { TransactionRunner } from '../../src/platform';
import { TestApp } from '../support/test-app';
import { bearer, createTeam, loginAsAdmin, startIamApp } from '../support/iam-fixtures';
import { describeOnServer } from '../support/test-database';
import { addMember, membersOf, mergePath, newUser, twoTeams } from './merge-fixtures';
import { seedTeamKeys } from './seed-team';

describeOnServer('Concurrent merges of one source team', () => {
  let t: TestApp;
  let systemToken: string;

  beforeAll(async () => {
    t = await startIamApp();
    systemToken = await loginAsAdmin(t);
  });
  afterAll(() => t?.close());

  it('lets exactly one of two simultaneous merges through; the other gets 409 TEAM_MERGE_IN_PROGRESS and changes nothing', async () => {
    for (let round = 0; round < 3; round += 1) {
      const s = await twoTeams(t, systemToken);
      const other = await createTeam(t, s.tenant.admin.token, s.tenant.id);
      const ann = await newUser(t, s);
      await addMember(t, s, s.source, ann, 'member');
      // Enough keys that the first merge still holds its locks when the second arrives.
      await seedTeamKeys(t.app.get(TransactionRunner), s.tenant.id, s.source, ann.id, 3000);

      const body = { source_team_id: s.source, conflict_strategy: 'rename' };
      const [a, b] = await Promise.all([
        t.http.post(mergePath(s.tenant.id, s.target)).set(bearer(systemToken)).send(body),
        t.http.post(mergePath(s.tenant.id, other)).set(bearer(systemToken)).send(body),
      ]);
      expect([a.status, b.status].sort()).toEqual([200, 409]);
      const [winner, loser] = a.status === 200 ? [s.target, other] : [other, s.target];
      expect((a.status === 409 ? a : b).body).toMatchObject({ statusCode: 409, code: 'TEAM_MERGE_IN_PROGRESS' });

      expect(await membersOf(t, s, winner)).toEqual([{ user_id: ann.id, role: 'member' }]);
      expect(await membersOf(t, s, loser)).toEqual([]);
      const counts = await t.app.get(TransactionRunner).asSystem(() =>
        t.app.get(TransactionRunner).manager.query(`SELECT team_id, count(*)::int AS n FROM api_keys WHERE tenant_id = $1 GROUP BY team_id`, [s.tenant.id]),
      );
      expect(counts).toEqual([{ team_id: winner, n: 3000 }]);
    }
  });
});
