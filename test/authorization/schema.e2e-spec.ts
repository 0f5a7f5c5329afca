import { Relationship } from '../../src/platform';
import { readSchema, SpiceDbClient, startEmbeddedSpiceDb } from '../../src/platform/authorization/spicedb-client';
import { SpiceDbAuthorization } from '../../src/platform/authorization/spicedb-authorization';

const rel = (type: string, id: string, relation: string, subject: string): Relationship => {
  const [subjectType, rest] = subject.split(':');
  const [subjectId, subjectRelation] = rest.split('#');
  return { resource: { type, id }, relation, subject: { type: subjectType, id: subjectId, ...(subjectRelation ? { relation: subjectRelation } : {}) } };
};
const user = (id: string) => ({ type: 'user', id });

/** schema.zed, loaded into the real (embedded) SpiceDB: a broken schema fails here. */
describe('schema.zed in SpiceDB', () => {
  let client: SpiceDbClient;
  let authz: SpiceDbAuthorization;

  beforeAll(async () => {
    client = await startEmbeddedSpiceDb(readSchema());
    authz = new SpiceDbAuthorization(client);
    await authz.writeRelationships([
      rel('platform', 'gatehouse', 'admin', 'user:root'),
      rel('tenant', 't1', 'platform', 'platform:gatehouse'),
      rel('tenant', 't1', 'admin', 'user:ada'),
      rel('tenant', 't1', 'member', 'user:bob'),
      rel('workspace', 'w-root', 'tenant', 'tenant:t1'),
      rel('workspace', 'w-child', 'parent', 'workspace:w-root'),
      rel('workspace', 'w-child', 'tenant', 'tenant:t1'),
      rel('workspace', 'w-leaf', 'parent', 'workspace:w-child'),
      rel('workspace', 'w-leaf', 'tenant', 'tenant:t1'),
      rel('workspace', 'w-child', 'admin', 'user:carol'),
      rel('team', 'team-1', 'tenant', 'tenant:t1'),
      rel('team', 'team-1', 'member', 'user:dan'),
      rel('workspace', 'w-leaf', 'member', 'team:team-1#member'),
      rel('api_key', 'k1', 'tenant', 'tenant:t1'),
      rel('api_key', 'k1', 'owner', 'user:bob'),
      rel('api_key', 'k1', 'team', 'team:team-1'),
    ]);
  });
  afterAll(() => client?.close());

  it('lets workspace rights flow down the tree, not up', async () => {
    expect(await authz.check(user('carol'), 'manage', { type: 'workspace', id: 'w-leaf' })).toBe(true);
    expect(await authz.check(user('carol'), 'view', { type: 'workspace', id: 'w-root' })).toBe(false);
  });

  it('gives tenant admins and system administrators everything of the tenant', async () => {
    for (const who of ['ada', 'root']) {
      expect(await authz.check(user(who), 'manage', { type: 'workspace', id: 'w-leaf' })).toBe(true);
      expect(await authz.check(user(who), 'manage', { type: 'team', id: 'team-1' })).toBe(true);
      expect(await authz.check(user(who), 'manage', { type: 'api_key', id: 'k1' })).toBe(true);
    }
    expect(await authz.check(user('bob'), 'manage', { type: 'tenant', id: 't1' })).toBe(false);
    expect(await authz.check(user('bob'), 'view', { type: 'tenant', id: 't1' })).toBe(true);
  });

  it('grants through team membership', async () => {
    expect(await authz.check(user('dan'), 'view', { type: 'workspace', id: 'w-leaf' })).toBe(true);
    expect(await authz.check(user('dan'), 'manage', { type: 'workspace', id: 'w-leaf' })).toBe(false);
    expect(await authz.lookupResources(user('dan'), 'view', 'workspace')).toEqual(['w-leaf']);
  });

  it('lets a key owner manage the key, and nobody outside the tenant', async () => {
    expect(await authz.check(user('bob'), 'manage', { type: 'api_key', id: 'k1' })).toBe(true);
    expect(await authz.check(user('mallory'), 'view', { type: 'api_key', id: 'k1' })).toBe(false);
  });

  it('deletes idempotently, by relationship and by filter', async () => {
    const grant = rel('workspace', 'w-leaf', 'member', 'team:team-1#member');
    await authz.writeRelationships([], [grant]);
    await authz.writeRelationships([], [grant]);
    expect(await authz.check(user('dan'), 'view', { type: 'workspace', id: 'w-leaf' })).toBe(false);
    await authz.deleteRelationships({ resourceType: 'api_key', resourceId: 'k1' });
    await authz.deleteRelationships({ resourceType: 'api_key', resourceId: 'k1' });
    expect(await authz.readRelationships({ resourceType: 'api_key' })).toEqual([]);
    expect(await authz.readRelationships({ resourceType: 'team', resourceId: 'team-1', relation: 'member' })).toEqual([
      rel('team', 'team-1', 'member', 'user:dan'),
    ]);
  });

  it('rejects a schema SpiceDB cannot parse', async () => {
    await expect(startEmbeddedSpiceDb('definition broken {\n  relation owner: nosuchtype\n}\n')).rejects.toThrow();
  });
});
