import { bearer, createTenant, createUser, loginAsAdmin, startIamApp, TenantFixture, UserFixture } from '../support/iam-fixtures';
import { TestApp } from '../support/test-app';
import { createKey, keysPath, LENIENT_THROTTLE, xApiKey } from './key-fixtures';

interface AuditRecord {
  id: string;
  tenant_id: string;
  actor: { type: string; id: string | null };
  action: string;
  resource_type: string;
  resource_id: string | null;
  details: Record<string, unknown>;
  client_address: string | null;
  created_at: string;
}

const auditPath = (tenantId: string, query = '') => `/v1/tenants/${tenantId}/audit${query}`;

describe('Key audit trail: every event of a key, in the tenant audit log, never a secret', () => {
  let t: TestApp;
  let systemToken: string;
  let a: TenantFixture;
  let b: TenantFixture;
  let member: UserFixture;

  beforeAll(async () => {
    t = await startIamApp({ env: LENIENT_THROTTLE });
    systemToken = await loginAsAdmin(t);
    a = await createTenant(t, systemToken);
    b = await createTenant(t, systemToken);
    member = await createUser(t, a.admin.token, a.id);
  });
  afterAll(async () => {
    await t?.close();
  });

  /** Every page of a listing, following next_cursor. */
  const allPages = async (token: string, tenantId: string, query: string, limit = 2): Promise<AuditRecord[]> => {
    const records: AuditRecord[] = [];
    let cursor: string | null = null;
    do {
      const page: { body: { items: AuditRecord[]; next_cursor: string | null } } = await t.http
        .get(auditPath(tenantId, `${query}&limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`))
        .set(bearer(token))
        .expect(200);
      records.push(...page.body.items);
      cursor = page.body.next_cursor;
    } while (cursor);
    return records;
  };
  const trailOf = (keyId: string, token = a.admin.token, tenantId = a.id) => allPages(token, tenantId, `?resource_type=api_key&resource_id=${keyId}`);

  it('records the whole life of a key, newest first: who, what, which key, from where, in pages', async () => {
    const issued = await createKey(t, member.token, a.id, { scopes: ['api_keys:read'], expires_in_days: 30 });
    const operator = await createKey(t, a.admin.token, a.id, { scopes: ['api_keys:write', 'api_keys:read'] });
    const edited = await t.http
      .patch(keysPath(a.id, issued.id))
      .set(bearer(member.token))
      .send({ name: 'renamed key', scopes: ['api_keys:read', 'models:read'] })
      .expect(200);
    await t.http.post(keysPath(a.id, issued.id, 'suspend')).set(bearer(a.admin.token)).send({ reason_code: 'security_concern', reason_text: 'odd traffic' }).expect(200);
    await t.http.post(keysPath(a.id, issued.id, 'reactivate')).set(bearer(a.admin.token)).send({}).expect(200);
    const rotation = await t.http.post(keysPath(a.id, issued.id, 'rotate')).set(bearer(member.token)).send({ grace_period_seconds: 60 }).expect(201);
    const successorId = rotation.body.id as string;
    await t.http.post(keysPath(a.id, successorId, 'revoke')).set(xApiKey(operator.key)).send({ reason_code: 'user_offboarding', reason_text: 'left the team' }).expect(200);
    await t.http.post('/v1/admin/api-keys/lookup').set(bearer(systemToken)).send({ key: rotation.body.key }).expect(200);

    const trail = await trailOf(issued.id);
    expect(trail.map((r) => r.action)).toEqual(['api_key.rotated', 'api_key.reactivated', 'api_key.suspended', 'api_key.updated', 'api_key.created']);
    const [rotated, reactivated, suspended, updated, created] = trail;
    for (const record of trail) {
      expect(record).toMatchObject({ tenant_id: a.id, resource_type: 'api_key', resource_id: issued.id });
      expect(record.client_address).toMatch(/127\.0\.0\.1|::1/);
    }
    expect(created).toMatchObject({
      actor: { type: 'user', id: member.id },
      details: { type: 'secret', name: issued.body.name, scopes: ['api_keys:read'], owner_id: member.id, key_prefix: issued.body.key_prefix },
    });
    expect(updated).toMatchObject({
      actor: { type: 'user', id: member.id },
      details: {
        fields: ['name', 'scopes'],
        changes: [
          { field: 'name', old: issued.body.name, new: 'renamed key' },
          { field: 'scopes', old: ['api_keys:read'], new: edited.body.scopes },
        ],
      },
    });
    expect(suspended).toMatchObject({ actor: { type: 'user', id: a.admin.id }, details: { reason_code: 'security_concern', reason_text: 'odd traffic' } });
    expect(reactivated).toMatchObject({ actor: { type: 'user', id: a.admin.id }, details: { suspension_reason_code: 'security_concern' } });
    expect(rotated).toMatchObject({ actor: { type: 'user', id: member.id }, details: { old_key_id: issued.id, new_key_id: successorId } });

    const successorTrail = await trailOf(successorId);
    expect(successorTrail.map((r) => r.action)).toEqual(['api_key.looked_up', 'api_key.revoked', 'api_key.created']);
    expect(successorTrail[0]).toMatchObject({ actor: { type: 'user' }, details: { found: true, revoke_requested: false } });
    expect(successorTrail[1]).toMatchObject({ actor: { type: 'api_key', id: operator.id }, details: { reason_code: 'user_offboarding', reason_text: 'left the team' } });
    expect(successorTrail[2]).toMatchObject({ actor: { type: 'user', id: member.id }, details: { rotated_from_id: issued.id, name: 'renamed key' } });
  });

  it('never holds a key or its hash, nor does any answer or log line of the key\'s life after creation', async () => {
    const issued = await createKey(t, member.token, a.id, { scopes: ['api_keys:read'] });
    const seen: string[] = [];
    const keep = (res: { text: string }) => seen.push(res.text);
    keep(await t.http.get('/v1/api-keys/me').set(xApiKey(issued.key)).expect(200));
    keep(await t.http.patch(keysPath(a.id, issued.id)).set(bearer(member.token)).send({ name: 'audited' }).expect(200));
    keep(await t.http.post(keysPath(a.id, issued.id, 'suspend')).set(bearer(member.token)).send({ reason_code: 'other' }).expect(200));
    keep(await t.http.post(keysPath(a.id, issued.id, 'reactivate')).set(bearer(member.token)).send({}).expect(200));
    keep(await t.http.post('/v1/admin/api-keys/lookup').set(bearer(systemToken)).send({ key: issued.key, revoke: true }).expect(200));
    // Revoked by the lookup: no rotation any more.
    keep(await t.http.post(keysPath(a.id, issued.id, 'rotate')).set(bearer(member.token)).send({}).expect(409));
    keep(await t.http.get(auditPath(a.id, '?limit=100')).set(bearer(a.admin.token)).expect(200));
    keep(await t.http.get(auditPath(a.id, `?resource_type=api_key&resource_id=${issued.id}`)).set(bearer(systemToken)).expect(200));
    const [{ key_hash: keyHash }] = await t.dataSource.query(`SELECT key_hash FROM api_keys WHERE id = $1`, [issued.id]);
    const stored: Array<{ row: string }> = await t.dataSource.query(`SELECT row_to_json(l)::text AS row FROM audit_log l`);
    expect(stored.length).toBeGreaterThan(5);
    const haystack = [...seen, ...stored.map((s) => s.row), t.log.text].join('\n');
    expect(haystack).toContain(issued.id);
    expect(haystack).not.toContain(issued.key);
    expect(haystack).not.toContain(keyHash);
  });

  it('commits an audit record only with its change: a refused transition leaves none', async () => {
    const issued = await createKey(t, member.token, a.id);
    await t.http.post(keysPath(a.id, issued.id, 'reactivate')).set(bearer(member.token)).send({}).expect(409);
    await t.http.post(keysPath(a.id, issued.id, 'suspend')).set(bearer(member.token)).send({ reason_code: 'nonsense' }).expect(400);
    await t.http.patch(keysPath(a.id, issued.id)).set(bearer(member.token)).send({ name: issued.body.name }).expect(200);
    expect((await trailOf(issued.id)).map((r) => r.action)).toEqual(['api_key.created']);
  });

  it('shows a tenant its own records only: tenant admins and system administrators read, others are refused', async () => {
    const keyOfA = await createKey(t, a.admin.token, a.id, { scopes: ['*'] });
    const keyOfB = await createKey(t, b.admin.token, b.id);
    expect((await t.http.get(auditPath(a.id)).set(bearer(b.admin.token)).expect(404)).body.code).toBe('TENANT_NOT_FOUND');
    expect((await t.http.get(auditPath(a.id)).set(bearer(member.token)).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.get(auditPath(a.id)).set(xApiKey(keyOfA.key)).expect(403)).body.code).toBe('FORBIDDEN');
    expect((await t.http.get(auditPath(a.id)).expect(401)).body.code).toBe('UNAUTHENTICATED');
    // B's admin asking its own log for A's key finds nothing.
    expect(await trailOf(keyOfA.id, b.admin.token, b.id)).toEqual([]);
    expect((await trailOf(keyOfB.id, b.admin.token, b.id)).map((r) => r.action)).toEqual(['api_key.created']);
    const all = await allPages(b.admin.token, b.id, '?resource_type=api_key', 100);
    expect(all.every((r) => r.tenant_id === b.id)).toBe(true);
    // System administrators read any tenant's trail.
    expect((await trailOf(keyOfA.id, systemToken)).map((r) => r.action)).toEqual(['api_key.created']);

    // Row-level security alone hides A's records from a unit of work of B.
    const seenByB = await t.dataSource.transaction(async (manager) => {
      await manager.query(`SET LOCAL ROLE app_user`);
      await manager.query(`SELECT set_config('app.current_tenant', $1, true)`, [b.id]);
      return manager.query(`SELECT tenant_id FROM audit_log`);
    });
    expect(seenByB.length).toBeGreaterThan(0);
    expect(seenByB.every((row: { tenant_id: string }) => row.tenant_id === b.id)).toBe(true);
  });

  it('validates the query: resource type shape, bad cursors, page size, unknown parameters', async () => {
    const bad = async (query: string, code: string) =>
      expect((await t.http.get(auditPath(a.id, query)).set(bearer(a.admin.token)).expect(400)).body.code).toBe(code);
    await bad('?resource_type=API%20KEY', 'VALIDATION_FAILED');
    await bad('?limit=0', 'VALIDATION_FAILED');
    await bad('?limit=101', 'VALIDATION_FAILED');
    await bad('?cursor=bm9wZQ', 'INVALID_CURSOR');
    await bad('?colour=blue', 'VALIDATION_FAILED');
    expect((await t.http.get('/v1/tenants/not-a-uuid/audit').set(bearer(a.admin.token)).expect(400)).body.code).toBe('INVALID_ID');
  });
});
