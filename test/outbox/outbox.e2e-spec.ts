import { randomUUID } from 'node:crypto';
import { Clock, ManualClock, Outbox } from '../../src/platform';
import { TransactionRunner } from '../../src/platform/database/transaction-runner';
import { FIRST_RETRY_MS } from '../../src/platform/outbox/outbox-backoff';
import { LEASE_MS, OutboxStore } from '../../src/platform/outbox/outbox-store';
import { startTestApp, TestApp } from '../support/test-app';
import { outboxRows } from './outbox-rows';
import { RecordingHandler, recordingHandlers } from './recording-handler';

/** The transactional outbox on the whole application: enqueue with the change, deliver after commit. */
describe('Outbox', () => {
  let t: TestApp;
  let tx: TransactionRunner;
  let outbox: Outbox;
  const clock = new ManualClock(new Date('2030-01-01T00:00:00Z'));
  const recorded = new RecordingHandler('test.recorded');
  const flaky = new RecordingHandler('test.flaky');
  const leased = new RecordingHandler('test.leased');

  beforeAll(async () => {
    t = await startTestApp({
      // The timer stays out of the way: every pass below is an explicit flush.
      env: { GATEHOUSE_OUTBOX_POLL_MS: '600000', GATEHOUSE_OUTBOX_MAX_BACKOFF_MS: '3000' },
      imports: [recordingHandlers(recorded, flaky, leased)],
      override: (builder) => builder.overrideProvider(Clock).useValue(clock),
    });
    tx = t.app.get(TransactionRunner);
    outbox = t.app.get(Outbox);
  });
  afterAll(() => t?.close());

  it('never delivers a message whose unit of work rolled back', async () => {
    await expect(
      tx.asSystem(async () => {
        await outbox.enqueue('test.recorded', { n: 'rolled-back' });
        throw new Error('the change fails after enqueueing');
      }),
    ).rejects.toThrow('the change fails after enqueueing');
    await outbox.flush();
    expect(recorded.received).toEqual([]);
    expect(await outboxRows(tx, 'test.recorded')).toEqual([]);
  });

  it('refuses to enqueue outside a unit of work', async () => {
    await expect(outbox.enqueue('test.recorded', { n: 'loose' })).rejects.toThrow(/outside a unit of work/);
    expect(await outboxRows(tx, 'test.recorded')).toEqual([]);
  });

  it('delivers a committed message once, and marks it processed', async () => {
    // As app_user in a tenant unit of work: the role tenant work runs as can write the outbox.
    await tx.inTenant(randomUUID(), () => outbox.enqueue('test.recorded', { n: 'committed' }));
    await outbox.flush();
    await outbox.flush();
    expect(recorded.received).toEqual([{ n: 'committed' }]);
    const [row] = await outboxRows(tx, 'test.recorded');
    expect(row).toMatchObject({ attempts: 1, last_error: null });
    expect(new Date(row.processed_at!).getTime()).toBe(clock.now().getTime());
  });

  it('retries a failing handler with exponential backoff, keeping later messages of the topic behind it', async () => {
    flaky.failuresLeft = 2;
    await tx.asSystem(async () => {
      await outbox.enqueue('test.flaky', { n: 1 });
      await outbox.enqueue('test.flaky', { n: 2 });
    });

    await outbox.flush();
    let [first, second] = await outboxRows(tx, 'test.flaky');
    expect(flaky.calls).toBe(1);
    expect(first).toMatchObject({ attempts: 1, last_error: 'test.flaky handler failed on purpose', processed_at: null });
    expect(new Date(first.available_at).getTime()).toBe(clock.now().getTime() + FIRST_RETRY_MS);
    expect(second).toMatchObject({ attempts: 0, processed_at: null });

    // Not due yet: no attempt, however often the relay runs.
    clock.advance(FIRST_RETRY_MS - 1);
    await outbox.flush();
    expect(flaky.calls).toBe(1);

    clock.advance(1);
    await outbox.flush();
    [first] = await outboxRows(tx, 'test.flaky');
    expect(flaky.calls).toBe(2);
    expect(first).toMatchObject({ attempts: 2, processed_at: null });
    expect(new Date(first.available_at).getTime()).toBe(clock.now().getTime() + 2 * FIRST_RETRY_MS);

    clock.advance(2 * FIRST_RETRY_MS);
    await outbox.flush();
    expect(flaky.received).toEqual([{ n: 1 }, { n: 2 }]);
    [first, second] = await outboxRows(tx, 'test.flaky');
    expect(first).toMatchObject({ attempts: 3, last_error: null });
    expect(first.processed_at).not.toBeNull();
    expect(second).toMatchObject({ attempts: 1 });
    expect(second.processed_at).not.toBeNull();
  });

  it('caps the backoff at GATEHOUSE_OUTBOX_MAX_BACKOFF_MS', async () => {
    flaky.failuresLeft = 3;
    flaky.received.length = 0;
    await tx.asSystem(() => outbox.enqueue('test.flaky', { n: 'capped' }));
    for (const wait of [0, FIRST_RETRY_MS, 2 * FIRST_RETRY_MS]) {
      clock.advance(wait);
      await outbox.flush();
    }
    const [row] = (await outboxRows(tx, 'test.flaky')).slice(-1);
    expect(row.attempts).toBe(3);
    // 4 x the first delay would be 4000 ms; the cap is 3000 ms.
    expect(new Date(row.available_at).getTime()).toBe(clock.now().getTime() + 3000);
    clock.advance(3000);
    await outbox.flush();
    expect(flaky.received).toEqual([{ n: 'capped' }]);
  });

  it('keeps a message without a handler queued, saying why', async () => {
    await tx.asSystem(() => outbox.enqueue('test.nobody', { n: 'unheard' }));
    await outbox.flush();
    const [row] = await outboxRows(tx, 'test.nobody');
    expect(row).toMatchObject({ attempts: 1, last_error: 'no handler for topic "test.nobody"', processed_at: null });
  });

  it('delivers a message again once the lease of a relay that died holding it has run out', async () => {
    await tx.asSystem(() => outbox.enqueue('test.leased', { n: 'orphaned' }));
    // A relay claims the message and dies before delivering it.
    const claimed = await t.app.get(OutboxStore).claim(clock.now(), 100);
    expect(claimed.filter((m) => m.topic === 'test.leased')).toHaveLength(1);

    await outbox.flush();
    expect(leased.calls).toBe(0);

    clock.advance(LEASE_MS);
    await outbox.flush();
    await outbox.flush();
    expect(leased.received).toEqual([{ n: 'orphaned' }]);
    const [row] = await outboxRows(tx, 'test.leased');
    expect(row.processed_at).not.toBeNull();
  });

  it('runs passes requested together one after another, each message delivered once', async () => {
    recorded.received.length = 0;
    recorded.delayMs = 5;
    await tx.asSystem(async () => {
      for (let n = 0; n < 20; n += 1) await outbox.enqueue('test.recorded', { n });
    });
    await Promise.all([outbox.flush(), outbox.flush(), outbox.flush()]);
    recorded.delayMs = 0;
    expect(recorded.received).toEqual(Array.from({ length: 20 }, (_, n) => ({ n })));
  });
});
