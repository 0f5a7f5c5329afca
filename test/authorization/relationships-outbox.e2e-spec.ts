import {
  AuthorizationPort,
  Clock,
  enqueueRelationshipChanges,
  ManualClock,
  Outbox,
  Relationship,
  RELATIONSHIP_CHANGES_TOPIC,
  RelationshipChanges,
} from '../../src/platform';
import { SPICEDB_CLIENT } from '../../src/platform/authorization/authorization.module';
import { TransactionRunner } from '../../src/platform/database/transaction-runner';
import { LEASE_MS } from '../../src/platform/outbox/outbox-store';
import { startTestApp, TestApp } from '../support/test-app';
import { outboxRows } from '../outbox/outbox-rows';
import { SwitchableSpiceDb } from './switchable-spicedb-client';

/** Relationship changes travel through the outbox into the app's real embedded SpiceDB. */
describe('Relationship changes through the outbox', () => {
  let t: TestApp;
  let tx: TransactionRunner;
  let outbox: Outbox;
  let authz: AuthorizationPort;
  let spicedb: SwitchableSpiceDb;
  const clock = new ManualClock();

  const member = (workspace: string, user: string): Relationship => ({
    resource: { type: 'workspace', id: workspace },
    relation: 'member',
    subject: { type: 'user', id: user },
  });
  const canView = (user: string, workspace: string) => authz.check({ type: 'user', id: user }, 'view', { type: 'workspace', id: workspace });
  const queue = (changes: RelationshipChanges) => tx.asSystem(() => enqueueRelationshipChanges(outbox, changes));
  const pending = async () => (await outboxRows(tx, RELATIONSHIP_CHANGES_TOPIC)).filter((row) => row.processed_at === null);

  beforeAll(async () => {
    spicedb = await SwitchableSpiceDb.start();
    t = await startTestApp({
      env: { GATEHOUSE_OUTBOX_POLL_MS: '600000', GATEHOUSE_OUTBOX_MAX_BACKOFF_MS: '5000' },
      override: (builder) => builder.overrideProvider(SPICEDB_CLIENT).useValue(spicedb).overrideProvider(Clock).useValue(clock),
    });
    tx = t.app.get(TransactionRunner);
    outbox = t.app.get(Outbox);
    authz = t.app.get(AuthorizationPort);
    await outbox.flush();
  });
  afterAll(() => t?.close());

  it('applies touches, deletes and delete filters once the unit of work commits', async () => {
    await queue({ touch: [member('ws-1', 'ann'), member('ws-2', 'ann'), member('ws-1', 'ben')] });
    // Committed but not yet delivered: SpiceDB does not know yet.
    expect(await canView('ann', 'ws-1')).toBe(false);
    await outbox.flush();
    expect(await canView('ann', 'ws-1')).toBe(true);
    expect(await canView('ann', 'ws-2')).toBe(true);

    await queue({ delete: [member('ws-1', 'ann')] });
    await queue({ delete_filters: [{ resourceType: 'workspace', resourceId: 'ws-2' }] });
    await outbox.flush();
    expect(await canView('ann', 'ws-1')).toBe(false);
    expect(await canView('ann', 'ws-2')).toBe(false);
    expect(await canView('ben', 'ws-1')).toBe(true);
    expect(await pending()).toEqual([]);
  });

  it('queues nothing for an empty change', async () => {
    const before = (await outboxRows(tx, RELATIONSHIP_CHANGES_TOPIC)).length;
    await queue({ touch: [], delete: [], delete_filters: [] });
    expect(await outboxRows(tx, RELATIONSHIP_CHANGES_TOPIC)).toHaveLength(before);
  });

  it('keeps changes queued while SpiceDB is down and applies each exactly once, in order, after it recovers', async () => {
    spicedb.down = true;
    const writesBefore = spicedb.appliedWrites;
    await queue({ touch: [member('ws-3', 'cas')] });
    await queue({ touch: [member('ws-3', 'dan')] });
    await queue({ delete: [member('ws-3', 'cas')] });

    for (let pass = 0; pass < 3; pass += 1) {
      await outbox.flush();
      clock.advance(LEASE_MS);
    }
    const queued = await pending();
    expect(queued).toHaveLength(3);
    expect(queued[0].attempts).toBe(3);
    expect(queued[0].last_error).toMatch(/UNAVAILABLE/);
    // The later changes wait behind the first, so the removal cannot overtake the addition.
    expect(queued.slice(1).map((row) => row.attempts)).toEqual([0, 0]);
    expect(await canView('dan', 'ws-3')).toBe(false);
    expect(spicedb.appliedWrites).toBe(writesBefore);

    spicedb.down = false;
    clock.advance(LEASE_MS);
    await outbox.flush();
    await outbox.flush();
    expect(await pending()).toEqual([]);
    expect(spicedb.appliedWrites - writesBefore).toBe(3);
    expect(await canView('dan', 'ws-3')).toBe(true);
    expect(await canView('cas', 'ws-3')).toBe(false);
  });
});
