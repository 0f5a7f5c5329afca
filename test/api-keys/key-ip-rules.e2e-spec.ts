import { createServer, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { bearer, createTenant, loginAsAdmin, startIamApp, TenantFixture, unique } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createKey, keysPath, LENIENT_THROTTLE, xApiKey } from './key-fixtures';

/** supertest connects from the loopback address: 127.0.0.1, seen as such or as ::ffff:127.0.0.1. */
const LOOPBACK = ['127.0.0.1', '::1'];

describe('Secret keys bound to client addresses (direct connections, X-Forwarded-For ignored)', () => {
  let t: TestApp;
  let a: TenantFixture;

  beforeAll(async () => {
    t = await startIamApp({ env: LENIENT_THROTTLE });
    a = await createTenant(t, await loginAsAdmin(t));
  });
  afterAll(() => t?.close());

  const keyFrom = (allowed_ips: string[]) => createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read'], allowed_ips });
  const list = (key: string) => t.http.get(keysPath(a.id)).set(xApiKey(key));

  it('validates and normalises the rules: addresses and CIDR ranges, v4 and v6', async () => {
    const post = (allowed_ips: unknown) =>
      t.http.post(keysPath(a.id)).set(bearer(a.admin.token)).send({ name: unique('k'), type: 'secret', scopes: [], allowed_ips });
    const bad = ['300.1.1.1', '10.0.0.0/33', '::1/129', 'example.com', '10.0.0.1/', '10.0.0.0/8/8', '2001:db8::/x', ''];
    const refused = await post(['10.0.0.1', ...bad]).expect(400);
    expect(refused.body).toMatchObject({ code: 'API_KEY_IP_RULE_INVALID', details: { invalid_ips: bad } });
    expect((await post('10.0.0.1').expect(400)).body.code).toBe('VALIDATION_FAILED');
    const made = await post([' 10.0.0.1 ', '192.168.0.0/16', '2001:DB8::/32', '::1', '10.0.0.1']).expect(201);
    expect(made.body.allowed_ips).toEqual(['10.0.0.1', '192.168.0.0/16', '2001:db8::/32', '::1']);
    const shown = await t.http.get(keysPath(a.id, made.body.id)).set(bearer(a.admin.token)).expect(200);
    expect(shown.body.allowed_ips).toEqual(made.body.allowed_ips);
  });

  it('lets a key without rules in from anywhere', async () => {
    const open = await keyFrom([]);
    await list(open.key).expect(200);
  });

  it('answers a listed address or range, v4 or v6, and refuses others with 403 API_KEY_IP_NOT_ALLOWED', async () => {
    for (const rules of [LOOPBACK, ['127.0.0.0/8', '::1/128'], ['10.0.0.0/8', '127.0.0.1', '2001:db8::/32']]) {
      await list((await keyFrom(rules)).key).expect(200);
    }
    for (const rules of [['10.0.0.0/8'], ['2001:db8::/32'], ['127.0.0.2', '128.0.0.0/1']]) {
      const res = await list((await keyFrom(rules)).key).expect(403);
      expect(res.body.code).toBe('API_KEY_IP_NOT_ALLOWED');
    }
  });

  it('sees a client connecting over IPv6 by its v6 address', async () => {
    // The same application, reached on [::1]: the connection itself is IPv6.
    const v6: Server = createServer((req, res) => t.app.getHttpServer().emit('request', req, res));
    await new Promise<void>((resolve) => v6.listen(0, '::1', resolve));
    try {
      const overV6 = request(`http://[::1]:${(v6.address() as AddressInfo).port}`);
      const viaV6 = (key: string) => overV6.get(keysPath(a.id)).set(xApiKey(key));
      await viaV6((await keyFrom(['::1'])).key).expect(200);
      await viaV6((await keyFrom(['::/64'])).key).expect(200);
      expect((await viaV6((await keyFrom(['127.0.0.1'])).key).expect(403)).body.code).toBe('API_KEY_IP_NOT_ALLOWED');
      expect((await viaV6((await keyFrom(['2001:db8::/32'])).key).expect(403)).body.code).toBe('API_KEY_IP_NOT_ALLOWED');
    } finally {
      await new Promise((resolve) => v6.close(resolve));
    }
  });

  it('ignores X-Forwarded-For from a proxy that is not trusted', async () => {
    const forwarded = await keyFrom(['203.0.113.0/24']);
    const res = await list(forwarded.key).set('x-forwarded-for', '203.0.113.9').expect(403);
    expect(res.body.code).toBe('API_KEY_IP_NOT_ALLOWED');
    await list((await keyFrom(LOOPBACK)).key).set('x-forwarded-for', '203.0.113.9').expect(200);
  });

  it('applies edited rules on the next request', async () => {
    const key = await keyFrom(['10.0.0.1']);
    await list(key.key).expect(403);
    await t.http.patch(keysPath(a.id, key.id)).set(bearer(a.admin.token)).send({ allowed_ips: LOOPBACK }).expect(200);
    await list(key.key).expect(200);
    await t.http.patch(keysPath(a.id, key.id)).set(bearer(a.admin.token)).send({ allowed_ips: [] }).expect(200);
    await list(key.key).set('x-forwarded-for', '198.51.100.1').expect(200);
    const bad = await t.http.patch(keysPath(a.id, key.id)).set(bearer(a.admin.token)).send({ allowed_ips: ['10.0.0.256'] }).expect(400);
    expect(bad.body.code).toBe('API_KEY_IP_RULE_INVALID');
  });
});

describe('Secret keys bound to client addresses behind trusted proxies (GATEHOUSE_TRUSTED_PROXIES)', () => {
  let t: TestApp;
  let a: TenantFixture;

  beforeAll(async () => {
    // The loopback is the proxy here: the address it forwards is the client's.
    t = await startIamApp({ env: { ...LENIENT_THROTTLE, GATEHOUSE_TRUSTED_PROXIES: '127.0.0.1/32, ::1' } });
    a = await createTenant(t, await loginAsAdmin(t));
  });
  afterAll(() => t?.close());

  const keyFrom = (allowed_ips: string[]) => createKey(t, a.admin.token, a.id, { scopes: ['api_keys:read'], allowed_ips });
  const list = (key: string, forwardedFor: string) => t.http.get(keysPath(a.id)).set(xApiKey(key)).set('x-forwarded-for', forwardedFor);

  it('judges the forwarded client address, v4 and v6, not the proxy', async () => {
    const v4 = await keyFrom(['203.0.113.0/24']);
    await list(v4.key, '203.0.113.9').expect(200);
    expect((await list(v4.key, '198.51.100.7').expect(403)).body.code).toBe('API_KEY_IP_NOT_ALLOWED');
    const v6 = await keyFrom(['2001:db8:abcd::/48']);
    await list(v6.key, '2001:db8:abcd:12::5').expect(200);
    expect((await list(v6.key, '2001:db8:abce::5').expect(403)).body.code).toBe('API_KEY_IP_NOT_ALLOWED');
    // The proxy's own address does not stand in for the client it forwards.
    const proxyOnly = await keyFrom(['127.0.0.1', '::1']);
    expect((await list(proxyOnly.key, '203.0.113.9').expect(403)).body.code).toBe('API_KEY_IP_NOT_ALLOWED');
  });

  it('takes the nearest untrusted hop of a chain, so a client cannot prepend an address of its choosing', async () => {
    const key = await keyFrom(['203.0.113.0/24']);
    // Client 198.51.100.7 claims 203.0.113.9; the trusted proxy appends the real one.
    expect((await list(key.key, '203.0.113.9, 198.51.100.7').expect(403)).body.code).toBe('API_KEY_IP_NOT_ALLOWED');
    await list(key.key, '198.51.100.7, 203.0.113.9').expect(200);
  });

  it('without X-Forwarded-For, the connecting address counts', async () => {
    await t.http.get(keysPath(a.id)).set(xApiKey((await keyFrom(['127.0.0.1', '::1'])).key)).expect(200);
  });
});
