import { randomBytes } from 'node:crypto';
import { TestingModuleBuilder } from '@nestjs/testing';
import Redis from 'ioredis';
import { Clock, ManualClock } from '../../src/platform';
import { bearer, createTenant, loginAsAdmin, startIamApp, TenantFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { startTwoInstances, TwoInstances } from '../support/two-instances';
import { createReopenableDatabase, describeOnServer, TestDatabase } from '../support/test-database';
import { createKey, keysPath, LENIENT_THROTTLE, policyPath, xApiKey } from './key-fixtures';

const REDIS_URL = 'redis://127.0.0.1:6379';
const BASE = new Date('2026-06-01T00:00:00Z');
const me = (t: TestApp, key: string) => t.http.get('/v1/api-keys/me').set(xApiKey(key));

/** The three RateLimit-* headers of an answer, as numbers. */
function rateHeaders(res: { headers: Record<string, string> }): { limit: number; remaining: number; reset: number } {
  return { limit: Number(res.headers['ratelimit-limit']), remaining: Number(res.headers['ratelimit-remaining']), reset: Number(res.headers['ratelimit-reset']) };
}

/** A Redis key prefix of this run only, removed afterwards. */
function redisPrefix(): { env: Record<string, string>; cleanup: () => Promise<void> } {
  const prefix = `gatehouse-test-${randomBytes(6).toString('hex')}:`;
  return {
    env: { REDIS_URL, GATEHOUSE_REDIS_KEY_PREFIX: prefix },
    cleanup: async () => {
      const redis = new Redis(REDIS_URL);
      try {
        const keys = await redis.keys(`${prefix}*`);
        if (keys.length > 0) await redis.del(...keys);
      } finally {
        redis.disconnect();
      }
    },
  };
}

describe('Per-key rate limits, counted in this process', () => {
  let t: TestApp;
  const clock = new ManualClock(BASE);
  let a: TenantFixture;

  beforeAll(async () => {
    t = await startIamApp({ env: LENIENT_THROTTLE, override: (builder) => builder.overrideProvider(Clock).useValue(clock) });
    a = await createTenant(t, await loginAsAdmin(t));
  });
  afterEach(() => clock.set(BASE));
  afterAll(() => t?.close());

  it('answers with RateLimit-* headers, refuses past the limit with 429 and Retry-After, and lets the key in again after the wait', async () => {
    const limited = await createKey(t, a.admin.token, a.id, { rate_limit: 3 });
    const other = await createKey(t, a.admin.token, a.id, { rate_limit: 3 });
    expect(limited.body.rate_limit).toBe(3);
    for (let i = 0; i < 3; i++) {
      const res = await me(t, limited.key).expect(200);
      // One request every 20 s; the full quota is back 20 s after the last one for each used.
      expect(rateHeaders(res)).toEqual({ limit: 3, remaining: 2 - i, reset: 20 * (i + 1) });
    }
    const refused = await me(t, limited.key).expect(429);
    expect(refused.body).toEqual({
      statusCode: 429,
      error: 'Too Many Requests',
      code: 'API_KEY_RATE_LIMITED',
      message: expect.stringContaining('3 requests per minute'),
      details: { rate_limit: 3, retry_after_seconds: 20 },
    });
    expect(refused.headers['retry-after']).toBe('20');
    expect(rateHeaders(refused)).toEqual({ limit: 3, remaining: 0, reset: 60 });
    // Another key of the same owner has a budget of its own.
    expect(rateHeaders(await me(t, other.key).expect(200))).toEqual({ limit: 3, remaining: 2, reset: 20 });

    clock.advance(19_000);
    expect((await me(t, limited.key).expect(429)).headers['retry-after']).toBe('1');
    clock.advance(1_000);
    expect(rateHeaders(await me(t, limited.key).expect(200))).toEqual({ limit: 3, remaining: 0, reset: 60 });
    clock.advance(60_000);
    expect(rateHeaders(await me(t, limited.key).expect(200))).toEqual({ limit: 3, remaining: 2, reset: 20 });
  });

  it('counts every route a key calls, and refused requests do not use up the budget', async () => {
    const issued = await createKey(t, a.admin.token, a.id, { rate_limit: 2, scopes: ['api_keys:read'] });
    await t.http.get(keysPath(a.id)).set(xApiKey(issued.key)).expect(200);
    await me(t, issued.key).expect(200);
    await t.http.get(keysPath(a.id)).set(xApiKey(issued.key)).expect(429);
    clock.advance(30_000);
    // The refusal above did not push the next allowed request further out.
    expect(rateHeaders(await me(t, issued.key).expect(200))).toEqual({ limit: 2, remaining: 0, reset: 60 });
  });

  it('sends no RateLimit headers to keys without a limit, nor to people', async () => {
    const unlimited = await createKey(t, a.admin.token, a.id);
    expect(unlimited.body.rate_limit).toBeNull();
    for (let i = 0; i < 5; i++) expect((await me(t, unlimited.key).expect(200)).headers['ratelimit-limit']).toBeUndefined();
    expect((await t.http.get(keysPath(a.id)).set(bearer(a.admin.token)).expect(200)).headers['ratelimit-limit']).toBeUndefined();
  });

  it('takes an edited limit into account on the next request', async () => {
    const issued = await createKey(t, a.admin.token, a.id, { rate_limit: 100 });
    await me(t, issued.key).expect(200);
    const edited = await t.http.patch(keysPath(a.id, issued.id)).set(bearer(a.admin.token)).send({ rate_limit: 1 }).expect(200);
    expect(edited.body.rate_limit).toBe(1);
    clock.advance(61_000);
    await me(t, issued.key).expect(200);
    expect((await me(t, issued.key).expect(429)).body.code).toBe('API_KEY_RATE_LIMITED');
    const cleared = await t.http.patch(keysPath(a.id, issued.id)).set(bearer(a.admin.token)).send({ rate_limit: null }).expect(200);
    expect(cleared.body.rate_limit).toBeNull();
    expect((await me(t, issued.key).expect(200)).headers['ratelimit-limit']).toBeUndefined();
  });

  it('keeps rate_limit within the policy maximum on creation, edit and rotation', async () => {
    const tenant = await createTenant(t, await loginAsAdmin(t));
    const token = tenant.admin.token;
    const policy = (await t.http.get(policyPath(tenant.id)).set(bearer(token)).expect(200)).body;
    expect(policy.max_rate_limit_per_minute).toBeNull();
    const put = await t.http.put(policyPath(tenant.id)).set(bearer(token)).send({ ...policy, max_rate_limit_per_minute: 100 }).expect(200);
    expect(put.body.max_rate_limit_per_minute).toBe(100);
    expect((await t.http.get(policyPath(tenant.id)).set(bearer(token)).expect(200)).body.max_rate_limit_per_minute).toBe(100);

    const over = await t.http.post(keysPath(tenant.id)).set(bearer(token)).send({ name: 'over', type: 'secret', rate_limit: 101 }).expect(400);
    expect(over.body).toMatchObject({ code: 'API_KEY_RATE_LIMIT_EXCEEDS_POLICY', details: { max_rate_limit_per_minute: 100 } });
    const unlimited = await t.http.post(keysPath(tenant.id)).set(bearer(token)).send({ name: 'none', type: 'secret', rate_limit: null }).expect(400);
    expect(unlimited.body.code).toBe('API_KEY_RATE_LIMIT_EXCEEDS_POLICY');
    expect((await createKey(t, token, tenant.id)).body.rate_limit).toBe(100);
    const within = await createKey(t, token, tenant.id, { rate_limit: 50 });
    expect(within.body.rate_limit).toBe(50);

    const patch = (body: object) => t.http.patch(keysPath(tenant.id, within.id)).set(bearer(token)).send(body);
    expect((await patch({ rate_limit: 101 }).expect(400)).body).toMatchObject({ code: 'API_KEY_RATE_LIMIT_EXCEEDS_POLICY', details: { max_rate_limit_per_minute: 100 } });
    expect((await patch({ rate_limit: null }).expect(400)).body.code).toBe('API_KEY_RATE_LIMIT_EXCEEDS_POLICY');
    expect((await patch({ rate_limit: 80 }).expect(200)).body.rate_limit).toBe(80);
    expect((await t.http.get(keysPath(tenant.id, within.id)).set(bearer(token)).expect(200)).body.rate_limit).toBe(80);

    // Lowered maximum: a rotated key keeps its limit, brought down to the new maximum.
    await t.http.put(policyPath(tenant.id)).set(bearer(token)).send({ ...policy, max_rate_limit_per_minute: 60 }).expect(200);
    const rotated = await t.http.post(keysPath(tenant.id, within.id, 'rotate')).set(bearer(token)).send({}).expect(201);
    expect(rotated.body.rate_limit).toBe(60);
  });

  it('rejects malformed limits with 400 VALIDATION_FAILED', async () => {
    for (const rate_limit of [0, -1, 1.5, '10', 1_000_001]) {
      const res = await t.http.post(keysPath(a.id)).set(bearer(a.admin.token)).send({ name: 'bad', type: 'secret', rate_limit }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
    const policy = (await t.http.get(policyPath(a.id)).set(bearer(a.admin.token)).expect(200)).body;
    for (const max of [0, 'many', 2.5]) {
      const res = await t.http.put(policyPath(a.id)).set(bearer(a.admin.token)).send({ ...policy, max_rate_limit_per_minute: max }).expect(400);
      expect(res.body.code).toBe('VALIDATION_FAILED');
    }
  });
});

describe('Per-key rate limits with Redis unreachable', () => {
  let t: TestApp;
  const clock = new ManualClock(BASE);

  beforeAll(async () => {
    t = await startIamApp({
      env: { ...LENIENT_THROTTLE, REDIS_URL: 'redis://127.0.0.1:1', GATEHOUSE_REDIS_TIMEOUT_MS: '100' },
      override: (builder) => builder.overrideProvider(Clock).useValue(clock),
    });
  });
  afterAll(() => t?.close());

  it('fails open to counting in this process, with a warning, never a 500', async () => {
    const a = await createTenant(t, await loginAsAdmin(t));
    const issued = await createKey(t, a.admin.token, a.id, { rate_limit: 2 });
    expect(rateHeaders(await me(t, issued.key).expect(200))).toEqual({ limit: 2, remaining: 1, reset: 30 });
    await me(t, issued.key).expect(200);
    expect((await me(t, issued.key).expect(429)).body.code).toBe('API_KEY_RATE_LIMITED');
    expect(t.log.text).toContain('Shared rate-limit counter unavailable');
  });
});

describe('Per-key rate limits counted in Redis', () => {
  const clock = new ManualClock(BASE);
  const redis = redisPrefix();
  let store: TestDatabase;

  beforeAll(async () => {
    store = await createReopenableDatabase();
  });
  afterAll(async () => {
    await redis.cleanup();
    await store?.drop();
  });

  const start = () =>
    startIamApp({ database: store, env: { ...LENIENT_THROTTLE, ...redis.env }, override: (builder) => builder.overrideProvider(Clock).useValue(clock) });

  it('keeps the count outside the process: a new instance continues where the last one stopped', async () => {
    const first = await start();
    let issued: { key: string; id: string };
    try {
      const a = await createTenant(first, await loginAsAdmin(first));
      issued = await createKey(first, a.admin.token, a.id, { rate_limit: 3 });
      await me(first, issued.key).expect(200);
      expect(rateHeaders(await me(first, issued.key).expect(200))).toEqual({ limit: 3, remaining: 1, reset: 40 });
    } finally {
      await first.close();
    }
    const second = await start();
    try {
      expect(rateHeaders(await me(second, issued.key).expect(200))).toEqual({ limit: 3, remaining: 0, reset: 60 });
      const refused = await me(second, issued.key).expect(429);
      expect(refused.headers['retry-after']).toBe('20');
      expect(rateHeaders(refused)).toEqual({ limit: 3, remaining: 0, reset: 60 });
      clock.advance(20_000);
      await me(second, issued.key).expect(200);
    } finally {
      await second.close();
    }
  });
});

describeOnServer('Per-key rate limits across two instances sharing Redis', () => {
  const clock = new ManualClock(BASE);
  const redis = redisPrefix();
  let instances: TwoInstances;
  let one: TestApp;
  let two: TestApp;
  let a: TenantFixture;

  beforeAll(async () => {
    const override = (builder: TestingModuleBuilder) => builder.overrideProvider(Clock).useValue(clock);
    ({ one, two, tenant: a } = instances = await startTwoInstances({ env: { ...LENIENT_THROTTLE, ...redis.env }, override }));
  });
  afterAll(async () => {
    await instances?.close();
    await redis.cleanup();
  });

  it('shares one budget between the instances, request by request', async () => {
    const issued = await createKey(one, a.admin.token, a.id, { rate_limit: 4 });
    const seen: number[] = [];
    for (const instance of [one, two, one, two]) seen.push(rateHeaders(await me(instance, issued.key).expect(200)).remaining);
    expect(seen).toEqual([3, 2, 1, 0]);
    expect((await me(one, issued.key).expect(429)).headers['retry-after']).toBe('15');
    expect((await me(two, issued.key).expect(429)).body.code).toBe('API_KEY_RATE_LIMITED');
  });

  it('admits exactly the limit from a simultaneous burst on both instances', async () => {
    const issued = await createKey(one, a.admin.token, a.id, { rate_limit: 10 });
    await me(one, issued.key).expect(200);
    await me(two, issued.key).expect(200);
    const burst = await Promise.all(Array.from({ length: 30 }, (_, i) => me(i % 2 ? one : two, issued.key)));
    const statuses = burst.map((res) => res.status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(8);
    expect(statuses.filter((s) => s === 429)).toHaveLength(22);
  });
});
