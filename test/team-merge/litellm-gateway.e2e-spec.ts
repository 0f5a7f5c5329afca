import { AppConfig, Clock, ManualClock, Outbox, TransactionRunner } from '../../src/platform';
import { LEASE_MS } from '../../src/platform/outbox/outbox-store';
import { LlmGateway } from '../../src/team-merge';
import { enqueueGatewayCalls, GATEWAY_SYNC_TOPIC } from '../../src/team-merge/application/gateway-sync';
import { outboxRows } from '../outbox/outbox-rows';
import { startIamApp as startTestApp } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { FakeLiteLlm } from './fake-litellm';

const MASTER_KEY = 'sk-litellm-master-0123456789';
const TEAM = '7b0c8a8e-3f7e-4a53-9d1a-2b8f0f3a9c11';

describe('LiteLLM gateway adapter and its outbox handler', () => {
  let gateway: FakeLiteLlm;
  let t: TestApp;
  const clock = new ManualClock();

  beforeAll(async () => {
    gateway = await new FakeLiteLlm(MASTER_KEY).start();
    t = await startTestApp({
      env: { ...gateway.env('us'), GATEHOUSE_OUTBOX_POLL_MS: '600000', GATEHOUSE_OUTBOX_MAX_BACKOFF_MS: '5000' },
      override: (builder) => builder.overrideProvider(Clock).useValue(clock),
    });
  });
  afterAll(async () => {
    await t?.close();
    await gateway?.close();
  });

  const pending = async () => (await outboxRows(t.app.get(TransactionRunner), GATEWAY_SYNC_TOPIC)).filter((r) => r.processed_at === null);

  it('sends key updates with the <region>_<team id> team and deletions, under the master key', async () => {
    const adapter = t.app.get(LlmGateway);
    expect(adapter.enabled).toBe(true);
    await adapter.moveKey('key-1', TEAM);
    await adapter.deleteKeys(['key-2', 'key-3']);
    expect(gateway.calls).toEqual([
      { path: '/key/update', body: { key: 'key-1', team_id: `us_${TEAM}` } },
      { path: '/key/delete', body: { keys: ['key-2', 'key-3'] } },
    ]);
    expect(gateway.unauthorized).toEqual([]);
  });

  it('treats a key the proxy does not mirror as nothing to move (404), so it never blocks the queue', async () => {
    gateway.calls.length = 0;
    gateway.unknownKeys.add('never-mirrored');
    await expect(t.app.get(LlmGateway).moveKey('never-mirrored', TEAM)).resolves.toBeUndefined();
    expect(gateway.calls).toEqual([]);
  });

  it('delivers queued calls through the outbox only after the commit, and retries them until the gateway is back, each once', async () => {
    gateway.calls.length = 0;
    const tx = t.app.get(TransactionRunner);
    const outbox = t.app.get(Outbox);
    await expect(
      tx.asSystem(async () => {
        await enqueueGatewayCalls(outbox, [{ op: 'move', key_id: 'rolled-back', team_id: TEAM }]);
        throw new Error('the unit of work fails');
      }),
    ).rejects.toThrow('the unit of work fails');

    gateway.down = true;
    await tx.asSystem(() =>
      enqueueGatewayCalls(outbox, [
        { op: 'move', key_id: 'k-a', team_id: TEAM },
        { op: 'delete', key_id: 'k-b' },
      ]),
    );
    for (let pass = 0; pass < 3; pass += 1) {
      await outbox.flush();
      clock.advance(LEASE_MS);
    }
    expect(gateway.refusedWhileDown).toBeGreaterThanOrEqual(3);
    expect(gateway.calls).toEqual([]);
    const queued = await pending();
    expect(queued).toHaveLength(2);
    expect(queued[0].last_error).toMatch(/LiteLLM \/key\/update answered 503/);
    expect(queued[0].last_error).not.toContain(MASTER_KEY);

    gateway.down = false;
    clock.advance(LEASE_MS);
    await outbox.flush();
    await outbox.flush();
    expect(await pending()).toEqual([]);
    expect(gateway.calls).toEqual([
      { path: '/key/update', body: { key: 'k-a', team_id: `us_${TEAM}` } },
      { path: '/key/delete', body: { keys: ['k-b'] } },
    ]);
  });
});

describe('LiteLLM gateway settings', () => {
  it('is disabled without LITELLM_URL: the handler then calls nothing', async () => {
    const t = await startTestApp({ env: { GATEHOUSE_OUTBOX_POLL_MS: '600000' } });
    try {
      expect(t.app.get(LlmGateway).enabled).toBe(false);
      expect(t.config.litellm).toMatchObject({ url: undefined, teamRegion: 'eu' });
    } finally {
      await t.close();
    }
  });

  it('refuses to start with LITELLM_URL but no LITELLM_MASTER_KEY', () => {
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'test', LITELLM_URL: 'http://127.0.0.1:4000' })).toThrow(/LITELLM_MASTER_KEY/);
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'test', LITELLM_URL: 'ftp://proxy' })).toThrow(/LITELLM_URL/);
  });

  it('with a wrong master key is refused by the proxy (401), so the call fails and would be retried', async () => {
    const gateway = await new FakeLiteLlm(MASTER_KEY).start();
    const t = await startTestApp({ env: { ...gateway.env(), LITELLM_MASTER_KEY: 'wrong', GATEHOUSE_OUTBOX_POLL_MS: '600000' } });
    try {
      await expect(t.app.get(LlmGateway).moveKey('key-1', TEAM)).rejects.toThrow(/answered 401/);
      expect(gateway.unauthorized).toHaveLength(1);
      expect(gateway.calls).toEqual([]);
    } finally {
      await t.close();
      await gateway.close();
    }
  });
});
