import { Outbox, TransactionRunner } from '../../src/platform';
import { describeOnServer } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { RECORDED_TOPIC, RecordingHandler, RecordingHandlerModule } from './recording-handler.module';

// A slow poll keeps the background relay out of the way: each test drives delivery with flush().
const env = { GATEHOUSE_OUTBOX_POLL_MS: '600000', GATEHOUSE_OUTBOX_MAX_BACKOFF_MS: '60000' };

describe('Transactional outbox', () => {
  let t: TestApp;
  let tx: TransactionRunner;
  let outbox: Outbox;
  let handler: RecordingHandler;

  const rows = (topic = RECORDED_TOPIC) =>
    tx.asSystem(() =>
      tx.manager.query(
        `SELECT payload, attempts, last_error, processed_at IS NOT NULL AS processed, available_at > now() AS waiting
         FROM outbox WHERE topic = $1 ORDER BY position`,
        [topic],
      ),
    );

  beforeAll(async () => {
    t = await startTestApp({ imports: [RecordingHandlerModule], env });
    tx = t.app.get(TransactionRunner);
    outbox = t.app.get(Outbox);
    handler = t.app.get(RecordingHandler);
  });
  afterAll(() => t.close());
  beforeEach(async () => {
    await tx.asSystem(() => tx.manager.query(`DELETE FROM outbox`));
    handler.received.length = 0;
    handler.failing = false;
  });

  it('refuses a message outside a unit of work', async () => {
    await expect(outbox.enqueue(RECORDED_TOPIC, { n: 0 })).rejects.toThrow(/outside a unit of work/);
  });

  it('never delivers a message whose transaction rolled back', async () => {
    await expect(
      tx.asSystem(async () => {
        await outbox.enqueue(RECORDED_TOPIC, { n: 1 });
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    await outbox.flush();
    expect(handler.received).toEqual([]);
    expect(await rows()).toEqual([]);
  });

  it('delivers a committed message once, in order, and marks it processed', async () => {
    await tx.asSystem(async () => {
      for (const n of [1, 2, 3]) await outbox.enqueue(RECORDED_TOPIC, { n });
    });
    await outbox.flush();
    await outbox.flush();
    expect(handler.received).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect((await rows()).every((r: { processed: boolean }) => r.processed)).toBe(true);
  });

  it('retries a failed delivery after a backoff, holding back the later messages of its topic', async () => {
    await tx.asSystem(async () => {
      await outbox.enqueue(RECORDED_TOPIC, { n: 1 });
      await outbox.enqueue(RECORDED_TOPIC, { n: 2 });
    });
    handler.failing = true;
    await outbox.flush();
    const [first, second] = await rows();
    expect(first).toMatchObject({ attempts: 1, last_error: 'receiver unavailable', processed: false, waiting: true });
    expect(second).toMatchObject({ attempts: 0, processed: false });

    handler.failing = false;
    await outbox.flush(); // still backing off: nothing moves, and n=2 may not overtake n=1
    expect(handler.received).toEqual([]);

    await tx.asSystem(() => tx.manager.query(`UPDATE outbox SET available_at = now()`)); // the backoff has passed
    await outbox.flush();
    expect(handler.received).toEqual([{ n: 1 }, { n: 2 }]);
  });

  it('keeps a message without a handler queued, saying why', async () => {
    await tx.asSystem(() => outbox.enqueue('test.nobody-listens', { n: 1 }));
    await outbox.flush();
    const [row] = await rows('test.nobody-listens');
    expect(row).toMatchObject({ processed: false, attempts: 1 });
    expect(row.last_error).toContain('no handler for topic "test.nobody-listens"');
  });

  it('lets an app_user unit of work enqueue', async () => {
    await tx.inTenant('00000000-0000-4000-8000-000000000001', () => outbox.enqueue(RECORDED_TOPIC, { n: 7 }));
    await outbox.flush();
    expect(handler.received).toEqual([{ n: 7 }]);
  });
});

describeOnServer('Transactional outbox with two relays on one database', () => {
  it('delivers each message exactly once', async () => {
    const a = await startTestApp({ imports: [RecordingHandlerModule], env });
    const b = await startTestApp({ imports: [RecordingHandlerModule], env, database: a.database });
    try {
      const tx = a.app.get(TransactionRunner);
      await tx.asSystem(async () => {
        for (let n = 0; n < 300; n++) await a.app.get(Outbox).enqueue(RECORDED_TOPIC, { n });
      });
      const flushes = Array.from({ length: 6 }, (_, i) => (i % 2 ? b : a).app.get(Outbox).flush());
      await Promise.all(flushes);
      await Promise.all([a.app.get(Outbox).flush(), b.app.get(Outbox).flush()]);
      const delivered = [...a.app.get(RecordingHandler).received, ...b.app.get(RecordingHandler).received].map((p) => p.n);
      expect(delivered).toHaveLength(300);
      expect(new Set(delivered).size).toBe(300);
    } finally {
      await b.close();
      await a.close();
    }
  });
});
