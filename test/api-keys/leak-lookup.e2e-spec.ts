import { apiKeyFrom } from '../../src/api-keys/domain/api-key-secret';
import { bearer, createTeam, createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createKey, keysPath, LENIENT_THROTTLE, xApiKey } from './key-fixtures';

const LOOKUP = '/v1/admin/api-keys/lookup';

describe('Leak lookup: which tenant, key and owner a found secret belongs to, and revocation as key_compromised', () => {
  let t: TestApp;
  let systemToken: string;
  let systemTenantId: string;
  let a: TenantFixture;
  let owner: UserFixture;
  let team: string;

  beforeAll(async () => {
    t = await startIamApp({ env: LENIENT_THROTTLE });
    systemToken = await loginAsAdmin(t);
    systemTenantId = (await t.http.get('/v1/me').set(bearer(systemToken)).expect(200)).body.tenant_id;
    a = await createTenant(t, systemToken);
    owner = await createUser(t, a.admin.token, a.id);
    team = await createTeam(t, a.admin.token, a.id);
    await t.http.post(`/v1/tenants/${a.id}/teams/${team}/members`).set(bearer(a.admin.token)).send({ user_id: owner.id, role: 'member' }).expect(204);
  });
  afterAll(async () => {
    await t?.close();
  });

  const lookup = (body: Record<string, unknown>, token = systemToken) => t.http.post(LOOKUP).set(bearer(token)).send(body);
  const lookupsOf = async (tenantId: string, keyId?: string) =>
    (
      await t.http
        .get(`/v1/tenants/${tenantId}/audit?action=api_key.looked_up${keyId ? `&resource_id=${keyId}` : ''}&limit=100`)
        .set(bearer(systemToken))
        .expect(200)
    ).body.items as Array<{ resource_id: string | null; actor: { type: string }; details: Record<string, unknown> }>;

  it('names the tenant, key, owner, team and state of a found secret, and leaves the key working', async () => {
    const issued = await createKey(t, owner.token, a.id, { team_id: team });
    const res = await lookup({ key: issued.key }).expect(200);
    expect(res.body).toMatchObject({
      found: true,
      tenant_id: a.id,
      tenant_name: a.name,
      key_id: issued.id,
      name: issued.body.name,
      owner_id: owner.id,
      owner_email: owner.email,
      team_id: team,
      state: 'active',
      revoked: false,
      api_key: { id: issued.id, key_prefix: issued.body.key_prefix, state: 'active' },
    });
    await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    expect(await lookupsOf(a.id, issued.id)).toEqual([
      expect.objectContaining({ resource_id: issued.id, actor: expect.objectContaining({ type: 'user' }), details: { found: true, revoke_requested: false } }),
    ]);
  });

  it('with revoke: true revokes it as key_compromised at once; a second lookup says it is revoked already', async () => {
    const issued = await createKey(t, owner.token, a.id);
    await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
    const res = await lookup({ key: issued.key, revoke: true }).expect(200);
    expect(res.body).toMatchObject({ found: true, key_id: issued.id, state: 'revoked', revoked: true, api_key: { revocation_reason_code: 'key_compromised' } });
    expect((await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(401)).body.code).toBe('API_KEY_REVOKED');
    expect((await t.http.get(keysPath(a.id, issued.id)).set(bearer(owner.token)).expect(200)).body).toMatchObject({
      state: 'revoked',
      revocation_reason_code: 'key_compromised',
    });
    const again = await lookup({ key: issued.key, revoke: true }).expect(200);
    expect(again.body).toMatchObject({ found: true, state: 'revoked', revoked: false });
    const trail = (await t.http.get(`/v1/tenants/${a.id}/audit?resource_type=api_key&resource_id=${issued.id}`).set(bearer(a.admin.token)).expect(200)).body
      .items as Array<{ action: string; details: Record<string, unknown> }>;
    expect(trail.map((r) => r.action)).toEqual(['api_key.looked_up', 'api_key.revoked', 'api_key.looked_up', 'api_key.created']);
    expect(trail[1].details).toMatchObject({ reason_code: 'key_compromised' });
  });

  it('reports the state of suspended keys and of keys rotated out', async () => {
    const suspended = await createKey(t, owner.token, a.id);
    await t.http.post(keysPath(a.id, suspended.id, 'suspend')).set(bearer(owner.token)).send({ reason_code: 'security_concern' }).expect(200);
    expect((await lookup({ key: suspended.key }).expect(200)).body).toMatchObject({ found: true, state: 'suspended' });
    const rotated = await createKey(t, owner.token, a.id);
    await t.http.post(keysPath(a.id, rotated.id, 'rotate')).set(bearer(owner.token)).send({}).expect(201);
    expect((await lookup({ key: rotated.key }).expect(200)).body).toMatchObject({ found: true, state: 'revoked' });
  });

  it('answers found: false for unknown and malformed strings, audited in the administrator\'s tenant without the string', async () => {
    const unknown = apiKeyFrom('secret', new Uint8Array(24).fill(9));
    expect((await lookup({ key: unknown, revoke: true }).expect(200)).body).toEqual({ found: false });
    expect((await lookup({ key: 'sk_definitely-not-a-key' }).expect(200)).body).toEqual({ found: false });
    const misses = (await lookupsOf(systemTenantId)).filter((r) => r.details['found'] === false);
    expect(misses).toHaveLength(2);
    expect(misses.every((r) => r.resource_id === null)).toBe(true);
    expect(JSON.stringify(misses)).not.toContain(unknown);
    expect(JSON.stringify(misses)).not.toContain('definitely-not-a-key');
  });

  it('never writes the looked-up secret to a log line or the audit log', async () => {
    const issued = await createKey(t, owner.token, a.id);
    await lookup({ key: issued.key, revoke: true }).expect(200);
    const rows: Array<{ row: string }> = await t.dataSource.query(`SELECT row_to_json(l)::text AS row FROM audit_log l`);
    expect(rows.map((r) => r.row).join('\n')).not.toContain(issued.key);
    expect(t.log.text).not.toContain(issued.key);
  });

  it('is for system administrators only, and validates its body', async () => {
    const issued = await createKey(t, owner.token, a.id, { scopes: ['*'] });
    expect((await lookup({ key: issued.key }, a.admin.token).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await lookup({ key: issued.key }, owner.token).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.post(LOOKUP).set(xApiKey(issued.key)).send({ key: issued.key }).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.post(LOOKUP).send({ key: issued.key }).expect(401)).body.code).toBe('UNAUTHENTICATED');
    for (const body of [{}, { key: '' }, { key: 'x'.repeat(257) }, { key: issued.key, revoke: 'yes' }, { key: issued.key, tenant_id: a.id }]) {
      expect((await lookup(body).expect(400)).body.code).toBe('VALIDATION_FAILED');
    }
    // Nothing of this touched the key.
    await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200);
  });
});
