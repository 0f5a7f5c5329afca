import { Outbox } from '../../src/platform';
import { TransactionRunner } from '../../src/platform/database/transaction-runner';
import { describeOnServer } from '../support/test-database';
import { startTestApp, TestApp } from '../support/test-app';
import { outboxRows } from './outbox-rows';
import { RecordingHandler, recordingHandlers } from './recording-handler';

const TOPICS = ['test.concurrent.a', 'test.concurrent.b', 'test.concurrent.c', 'test.concurrent.d'];
const PER_TOPIC = 10;
// Each round starts both relays' claims at the same moment: several rounds, several chances to collide.
const ROUNDS = 5;

/** Two instances relaying one database's outbox at the same time. */
describeOnServer('Outbox with two relays at once', () => {
  let first: TestApp;
  let second: TestApp;
  const handlers = { first: TOPICS.map((topic) => new RecordingHandler(topic)), second: TOPICS.map((topic) => new RecordingHandler(topic)) };

  beforeAll(async () => {
    // Small batches and slow handlers, so the two relays' claims and deliveries interleave.
    const env = { GATEHOUSE_OUTBOX_POLL_MS: '600000', GATEHOUSE_OUTBOX_BATCH_SIZE: '4' };
    for (const handler of [...handlers.first, ...handlers.second]) handler.delayMs = 3;
    first = await startTestApp({ env, imports: [recordingHandlers(...handlers.first)] });
    second = await startTestApp({ env, database: first.database, imports: [recordingHandlers(...handlers.second)] });
  });
  afterAll(async () => {
    await second?.close();
    await first?.close();
  });

  it('delivers every message exactly once, in order within its topic', async () => {
    const tx = first.app.get(TransactionRunner);
    const relays = [first.app.get(Outbox), second.app.get(Outbox)];
    for (let round = 0; round < ROUNDS; round += 1) {
      await tx.asSystem(async () => {
        for (const topic of TOPICS) {
          for (let n = round * PER_TOPIC; n < (round + 1) * PER_TOPIC; n += 1) await first.app.get(Outbox).enqueue(topic, { n });
        }
      });
      await Promise.all([...relays, ...relays].map((relay) => relay.flush()));
    }

    for (const [index, topic] of TOPICS.entries()) {
      const byFirst = handlers.first[index].received.map((p) => p.n as number);
      const bySecond = handlers.second[index].received.map((p) => p.n as number);
      const delivered = [...byFirst, ...bySecond].sort((a, b) => a - b);
      expect(delivered).toEqual(Array.from({ length: ROUNDS * PER_TOPIC }, (_, n) => n));
      // Each relay's share of a topic is in order, and the shares do not interleave out of order.
      expect(byFirst).toEqual([...byFirst].sort((a, b) => a - b));
      expect(bySecond).toEqual([...bySecond].sort((a, b) => a - b));
      const rows = await outboxRows(tx, topic);
      expect(rows.every((row) => row.processed_at !== null && row.attempts === 1)).toBe(true);
    }
    // Both relays did deliver: the claims really ran side by side.
    const total = (hs: RecordingHandler[]) => hs.reduce((sum, h) => sum + h.received.length, 0);
    expect(total(handlers.first)).toBeGreaterThan(0);
    expect(total(handlers.second)).toBeGreaterThan(0);
  });
});
