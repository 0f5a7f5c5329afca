import { AuditLog, Clock, ManualClock, Outbox, TransactionRunner } from '../../src/platform';
import { LEASE_MS } from '../../src/platform/outbox/outbox-store';
import { TeamMergeStore } from '../../src/team-merge/application/ports/team-merge.store';
import { GATEWAY_SYNC_TOPIC } from '../../src/team-merge/application/gateway-sync';
import { outboxRows } from '../outbox/outbox-rows';
import { TestApp } from '../support/test-app';
import { bearer, loginAsAdmin, startIamApp } from '../support/iam-fixtures';
import { FakeLiteLlm } from './fake-litellm';
import { FaultyAuditLog, FaultyMergeStore, faults, MergeStep } from './faulty-merge-store';
import { addMember, mergePath, MergeScenario, newUser, snapshot, teamKey, twoTeams } from './merge-fixtures';

describe('Team merge under faults', () => {
  let t: TestApp;
  let gateway: FakeLiteLlm;
  let systemToken: string;
  const clock = new ManualClock();

  beforeAll(async () => {
    gateway = await new FakeLiteLlm('sk-master-faults').start();
    t = await startIamApp({
      env: { ...gateway.env('eu'), GATEHOUSE_OUTBOX_POLL_MS: '600000', GATEHOUSE_OUTBOX_MAX_BACKOFF_MS: '5000' },
      override: (builder) =>
        builder.overrideProvider(TeamMergeStore).useClass(FaultyMergeStore).overrideProvider(AuditLog).useClass(FaultyAuditLog).overrideProvider(Clock).useValue(clock),
    });
    systemToken = await loginAsAdmin(t);
  });
  afterEach(() => {
    faults.failAfter = undefined;
    gateway.down = false;
  });
  afterAll(async () => {
    await t?.close();
    await gateway?.close();
  });

  const gatewayRows = () => outboxRows(t.app.get(TransactionRunner), GATEWAY_SYNC_TOPIC);

  /** Members in both teams, a conflict, and a key that moves as it is. */
  async function scenario(): Promise<MergeScenario> {
    const s = await twoTeams(t, systemToken);
    const [ann, ben] = [await newUser(t, s), await newUser(t, s)];
    await addMember(t, s, s.source, ann, 'admin');
    await addMember(t, s, s.target, ann, 'member');
    await addMember(t, s, s.source, ben, 'member');
    await teamKey(t, s, s.source, 'clash');
    await teamKey(t, s, s.source, 'plain');
    await teamKey(t, s, s.target, 'clash');
    return s;
  }

  const cases: Array<[MergeStep, string]> = [
    ['revokeKeys', 'delete'],
    ['renameKeys', 'rename'],
    ['moveKeys', 'rename'],
    ['moveMembers', 'delete'],
    ['deleteTeam', 'rename'],
    ['audit', 'delete'],
  ];

  it.each(cases)('a failure after %s (strategy %s) leaves both teams as they were and queues nothing', async (step, strategy) => {
    const s = await scenario();
    const before = await snapshot(t, s);
    const queuedBefore = (await gatewayRows()).length;
    await t.app.get(Outbox).flush();
    gateway.calls.length = 0;
    faults.failAfter = step;
    const res = await t.http.post(mergePath(s.tenant.id, s.target)).set(bearer(systemToken)).send({ source_team_id: s.source, conflict_strategy: strategy });
    expect(res.status).toBe(500);
    expect(res.body).toMatchObject({ statusCode: 500, code: 'INTERNAL_ERROR' });
    expect(await snapshot(t, s)).toEqual(before);
    expect(await gatewayRows()).toHaveLength(queuedBefore);
    await t.app.get(Outbox).flush();
    expect(gateway.calls).toEqual([]);

    faults.failAfter = undefined;
    await t.http.post(mergePath(s.tenant.id, s.target)).set(bearer(systemToken)).send({ source_team_id: s.source, conflict_strategy: strategy }).expect(200);
    expect(await snapshot(t, s)).not.toEqual(before);
  });

  it('commits while the gateway is down; once it is back every update arrives exactly once', async () => {
    const s = await scenario();
    const extra = [await teamKey(t, s, s.source, 'k1'), await teamKey(t, s, s.source, 'k2')];
    await t.app.get(Outbox).flush();
    gateway.calls.length = 0;
    gateway.down = true;
    const res = await t.http.post(mergePath(s.tenant.id, s.target)).set(bearer(systemToken)).send({ source_team_id: s.source, conflict_strategy: 'delete' }).expect(200);
    expect(res.body.gateway_sync).toEqual({ state: 'queued', calls: 4 });
    const outbox = t.app.get(Outbox);
    for (let pass = 0; pass < 3; pass += 1) {
      clock.advance(LEASE_MS);
      await outbox.flush();
    }
    expect(gateway.calls).toEqual([]);
    expect(gateway.refusedWhileDown).toBeGreaterThan(0);
    expect((await gatewayRows()).filter((r) => r.processed_at === null)).toHaveLength(4);

    gateway.down = false;
    for (let pass = 0; pass < 3; pass += 1) {
      clock.advance(LEASE_MS);
      await outbox.flush();
    }
    const moved = (res.body.moved_keys as Array<{ id: string }>).map((k) => k.id);
    expect(moved).toEqual(expect.arrayContaining(extra));
    const updates = gateway.calls.filter((c) => c.path === '/key/update').map((c) => c.body.key as string);
    expect(updates.sort()).toEqual([...moved].sort());
    const deletes = gateway.calls.filter((c) => c.path === '/key/delete').map((c) => c.body.keys);
    expect(deletes).toEqual([[res.body.revoked_keys[0].id]]);
    expect((await gatewayRows()).filter((r) => r.processed_at === null)).toEqual([]);
  });
});
