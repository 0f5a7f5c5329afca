import { Client } from 'pg';
import { bearer, createTeam, createTenant, TenantFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { startTwoInstances, TwoInstances } from '../support/two-instances';
import { describeOnServer } from '../support/test-database';
import { createKey, keysPath, LENIENT_THROTTLE, xApiKey } from './key-fixtures';

describeOnServer('Key changes reach every instance on the next request (LISTEN/NOTIFY)', () => {
  let instances: TwoInstances;
  let one: TestApp;
  let two: TestApp;
  let tenant: TenantFixture;
  let systemToken: string;

  beforeAll(async () => {
    ({ one, two, tenant, systemToken } = instances = await startTwoInstances({ env: LENIENT_THROTTLE }));
  });
  afterAll(() => instances?.close());

  /** Both instances have verified (and cached) the key. */
  const warm = async (key: string) => {
    await one.http.get('/v1/api-keys/me').set(xApiKey(key)).expect(200);
    await two.http.get('/v1/api-keys/me').set(xApiKey(key)).expect(200);
  };

  it('revoked on one instance, refused by the other on its next request', async () => {
    for (let round = 0; round < 5; round++) {
      const issued = await createKey(one, tenant.admin.token, tenant.id);
      await warm(issued.key);
      await one.http.post(keysPath(tenant.id, issued.id, 'revoke')).set(bearer(tenant.admin.token)).send({}).expect(200);
      expect((await two.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(401)).body.code).toBe('API_KEY_REVOKED');
    }
  });

  it('rotated without grace and edited on one instance: the other follows at once', async () => {
    const issued = await createKey(one, tenant.admin.token, tenant.id, { scopes: ['api_keys:read', 'api_keys:write'] });
    await two.http.get(keysPath(tenant.id)).set(xApiKey(issued.key)).expect(200);
    await one.http.patch(keysPath(tenant.id, issued.id)).set(bearer(tenant.admin.token)).send({ scopes: ['api_keys:write'] }).expect(200);
    expect((await two.http.get(keysPath(tenant.id)).set(xApiKey(issued.key)).expect(403)).body.code).toBe('API_KEY_SCOPE_MISSING');
    await two.http.post(keysPath(tenant.id, issued.id, 'rotate')).set(bearer(tenant.admin.token)).send({}).expect(201);
    expect((await one.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(401)).body.code).toBe('API_KEY_REVOKED');
  });

  it('changes made outside the service (a team deleted, a row revoked by SQL) are heard too', async () => {
    const team = await createTeam(one, tenant.admin.token, tenant.id);
    const teamKey = await createKey(one, tenant.admin.token, tenant.id, { team_id: team });
    const other = await createKey(one, tenant.admin.token, tenant.id);
    await warm(teamKey.key);
    await warm(other.key);
    await one.http.delete(`/v1/tenants/${tenant.id}/teams/${team}`).set(bearer(tenant.admin.token)).expect(204);
    const sql = new Client({ connectionString: instances.database.url });
    await sql.connect();
    try {
      await sql.query(`UPDATE api_keys SET revoked_at = now() WHERE id = $1`, [other.id]);
    } finally {
      await sql.end();
    }
    // The announcement travels asynchronously from a foreign writer: give it a moment.
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const app of [one, two]) {
      expect((await app.http.get('/v1/api-keys/me').set(xApiKey(teamKey.key)).expect(401)).body.code).toBe('API_KEY_INVALID');
      expect((await app.http.get('/v1/api-keys/me').set(xApiKey(other.key)).expect(401)).body.code).toBe('API_KEY_REVOKED');
    }
  });

  it('a deleted tenant\'s keys stop everywhere', async () => {
    const doomed = await createTenant(one, systemToken);
    const issued = await createKey(one, doomed.admin.token, doomed.id);
    await warm(issued.key);
    await two.http.delete(`/v1/tenants/${doomed.id}`).set(bearer(systemToken)).expect(204);
    await new Promise((resolve) => setTimeout(resolve, 200));
    for (const app of [one, two]) expect((await app.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(401)).body.code).toBe('API_KEY_INVALID');
    expect(await one.dataSource.query(`SELECT 1 FROM api_keys WHERE tenant_id = $1`, [doomed.id])).toHaveLength(0);
  });
});
