import { createHmac } from 'node:crypto';
import { Response } from 'supertest';
import { bearer, createTenant, loginAsAdmin, startIamApp } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { keysPath, LENIENT_THROTTLE, xApiKey } from './key-fixtures';

describe('A key\'s whole life leaves neither the key nor its hash in a response or a log line', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startIamApp({ env: { ...LENIENT_THROTTLE, LOG_LEVEL: 'trace' } });
  });
  afterAll(() => t?.close());

  it('creates, uses, lists, edits, verifies, rotates and revokes; searches everything afterwards', async () => {
    const systemToken = await loginAsAdmin(t);
    const tenant = await createTenant(t, systemToken);
    const admin = bearer(tenant.admin.token);
    const responses: Response[] = [];
    const seen = async (request: PromiseLike<Response>): Promise<Response> => {
      const res = await request;
      responses.push(res);
      return res;
    };

    const created = await t.http.post(keysPath(tenant.id)).set(admin).send({ name: 'life', type: 'secret', scopes: ['api_keys:read', 'api_keys:write', 'api_keys:verify'] }).expect(201);
    const key: string = created.body.key;
    const id: string = created.body.id;
    const logLinesAtCreation = t.log.lines.length;

    expect((await seen(t.http.get(keysPath(tenant.id)).set(xApiKey(key)))).status).toBe(200);
    expect((await seen(t.http.get(keysPath(tenant.id, id)).set(bearer(key)))).status).toBe(200);
    expect((await seen(t.http.get(keysPath(tenant.id)).set(admin))).status).toBe(200);
    expect((await seen(t.http.get('/v1/admin/api-keys').set(bearer(systemToken)))).status).toBe(200);
    expect((await seen(t.http.patch(keysPath(tenant.id, id)).set(xApiKey(key)).send({ name: 'life-2' }))).status).toBe(200);
    expect((await seen(t.http.post('/v1/api-keys/verify').set(xApiKey(key)).send({ key }))).status).toBe(200);
    expect((await seen(t.http.get('/v1/api-keys/me').set(xApiKey(key)))).status).toBe(200);
    // A failed attempt with a near-miss of the key, and an unknown route with the key in a header.
    expect((await seen(t.http.get('/v1/api-keys/me').set(xApiKey(nearMiss(key))))).status).toBe(401);
    expect((await seen(t.http.get('/v1/nowhere').set(xApiKey(key)))).status).toBe(404);
    const rotated = await seen(t.http.post(keysPath(tenant.id, id, 'rotate')).set(admin).send({ grace_period_seconds: 60 }));
    expect(rotated.status).toBe(201);
    expect((await seen(t.http.get('/v1/api-keys/me').set(xApiKey(key)))).status).toBe(200);
    expect((await seen(t.http.post(keysPath(tenant.id, id, 'revoke')).set(admin).send({ reason: 'end of life' }))).status).toBe(200);
    expect((await seen(t.http.get('/v1/api-keys/me').set(xApiKey(key)))).status).toBe(401);
    expect((await seen(t.http.post(keysPath(tenant.id, id, 'revoke')).set(admin).send({}))).status).toBe(409);

    const storedHash = (await t.dataSource.query(`SELECT key_hash FROM api_keys WHERE id = $1`, [id]))[0].key_hash as string;
    expect(storedHash).toBe(createHmac('sha256', t.config.secrets.keyPepper).update(key).digest('hex'));
    const logs = t.log.lines.slice(logLinesAtCreation).join('\n');
    expect(logs.length).toBeGreaterThan(0);
    // Requests were logged (so the search below searched something), with the key's header redacted.
    expect(logs).toContain(`/v1/tenants/${tenant.id}/api-keys`);
    const everything = [t.log.text, ...responses.map((r) => JSON.stringify({ headers: r.headers, body: r.body, text: r.text }))].join('\n');
    for (const secret of [key, storedHash, key.slice(3), storedHash.toUpperCase()]) expect(everything).not.toContain(secret);
    // The rotated key: shown once in its creation answer, never after.
    const successor: string = rotated.body.key;
    const afterRotation = [...responses.slice(responses.indexOf(rotated) + 1).map((r) => r.text), t.log.text].join('\n');
    expect(afterRotation).not.toContain(successor);
  });
});

/** The key with its last character changed (to one it is not: 'x' when the key ends in 'x' would be the key itself). */
function nearMiss(key: string): string {
  return `${key.slice(0, -1)}${key.endsWith('x') ? 'y' : 'x'}`;
}
