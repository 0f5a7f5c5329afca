import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { Relationship, SubjectRef } from '../../src/platform';
import { readSchema, SpiceDbClient, startEmbeddedSpiceDb } from '../../src/platform/authorization/spicedb-client';
import { SpiceDbAuthorization } from '../../src/platform/authorization/spicedb-authorization';

/** schema.zed as shipped, in the real embedded SpiceDB: the inheritance every endpoint relies on. */
describe('schema.zed in embedded SpiceDB', () => {
  let client: SpiceDbClient;
  let authz: SpiceDbAuthorization;

  const user = (id: string): SubjectRef => ({ type: 'user', id });
  const rel = (type: string, id: string, relation: string, subject: SubjectRef): Relationship => ({
    resource: { type, id },
    relation,
    subject,
  });
  const can = (who: string, permission: string, type: string, id: string) => authz.check(user(who), permission, { type, id });

  beforeAll(async () => {
    client = await startEmbeddedSpiceDb(readSchema());
    authz = new SpiceDbAuthorization(client);
    // Platform admin `root`; tenants t1 (admin alice, member mia) and t2 (admin bob).
    // Workspaces of t1: root-ws > child > grandchild, and sibling under root-ws.
    await authz.writeRelationships([
      rel('platform', 'gatehouse', 'admin', user('root')),
      rel('tenant', 't1', 'platform', { type: 'platform', id: 'gatehouse' }),
      rel('tenant', 't2', 'platform', { type: 'platform', id: 'gatehouse' }),
      rel('tenant', 't1', 'admin', user('alice')),
      rel('tenant', 't1', 'member', user('mia')),
      rel('tenant', 't2', 'admin', user('bob')),
      rel('workspace', 'root-ws', 'tenant', { type: 'tenant', id: 't1' }),
      rel('workspace', 'child', 'tenant', { type: 'tenant', id: 't1' }),
      rel('workspace', 'child', 'parent', { type: 'workspace', id: 'root-ws' }),
      rel('workspace', 'grandchild', 'tenant', { type: 'tenant', id: 't1' }),
      rel('workspace', 'grandchild', 'parent', { type: 'workspace', id: 'child' }),
      rel('workspace', 'sibling', 'tenant', { type: 'tenant', id: 't1' }),
      rel('workspace', 'sibling', 'parent', { type: 'workspace', id: 'root-ws' }),
      rel('workspace', 'child', 'member', user('carol')),
      rel('workspace', 'child', 'admin', user('dave')),
      rel('team', 'ops', 'tenant', { type: 'tenant', id: 't1' }),
      rel('team', 'ops', 'admin', user('erin')),
      rel('team', 'ops', 'member', user('frank')),
      rel('workspace', 'sibling', 'member', { type: 'team', id: 'ops', relation: 'member' }),
      rel('api_key', 'k1', 'tenant', { type: 'tenant', id: 't1' }),
      rel('api_key', 'k1', 'owner', user('gina')),
      rel('api_key', 'k1', 'team', { type: 'team', id: 'ops' }),
    ]);
  });
  afterAll(() => client?.close());

  it('is the schema.zed at the repository root', () => {
    expect(readSchema()).toBe(readFileSync(resolve(__dirname, '../../schema.zed'), 'utf8'));
  });

  it('passes workspace rights down the tree, never up or sideways', async () => {
    expect(await can('carol', 'view', 'workspace', 'child')).toBe(true);
    expect(await can('carol', 'view', 'workspace', 'grandchild')).toBe(true);
    expect(await can('carol', 'manage', 'workspace', 'grandchild')).toBe(false);
    expect(await can('carol', 'view', 'workspace', 'root-ws')).toBe(false);
    expect(await can('carol', 'view', 'workspace', 'sibling')).toBe(false);
    expect(await can('dave', 'manage', 'workspace', 'grandchild')).toBe(true);
    expect(await can('dave', 'manage', 'workspace', 'root-ws')).toBe(false);
  });

  it('grants a workspace to every member of a team', async () => {
    expect(await can('frank', 'view', 'workspace', 'sibling')).toBe(true);
    expect(await can('frank', 'view', 'workspace', 'child')).toBe(false);
    expect(await can('erin', 'view', 'workspace', 'sibling')).toBe(false);
  });

  it('lets a tenant admin manage everything of the tenant, and nothing of another', async () => {
    for (const [type, id] of [['tenant', 't1'], ['workspace', 'grandchild'], ['workspace', 'sibling'], ['team', 'ops'], ['api_key', 'k1']]) {
      expect(await can('alice', 'manage', type, id)).toBe(true);
      expect(await can('bob', 'manage', type, id)).toBe(false);
    }
    expect(await can('mia', 'view', 'tenant', 't1')).toBe(true);
    expect(await can('mia', 'manage', 'tenant', 't1')).toBe(false);
  });

  it('lets a platform admin manage every tenant and what is in it', async () => {
    expect(await can('root', 'super_admin', 'platform', 'gatehouse')).toBe(true);
    for (const [type, id] of [['tenant', 't1'], ['tenant', 't2'], ['workspace', 'grandchild'], ['team', 'ops'], ['api_key', 'k1']]) {
      expect(await can('root', 'manage', type, id)).toBe(true);
    }
    expect(await can('alice', 'super_admin', 'platform', 'gatehouse')).toBe(false);
  });

  it('gives an API key to its owner, its team (admins see it, members use it) and the tenant admins', async () => {
    expect(await can('gina', 'manage', 'api_key', 'k1')).toBe(true);
    expect(await can('gina', 'use', 'api_key', 'k1')).toBe(true);
    expect(await can('erin', 'view', 'api_key', 'k1')).toBe(true);
    expect(await can('erin', 'manage', 'api_key', 'k1')).toBe(false);
    expect(await can('frank', 'use', 'api_key', 'k1')).toBe(true);
    expect(await can('frank', 'view', 'api_key', 'k1')).toBe(false);
    expect(await can('mia', 'view', 'api_key', 'k1')).toBe(false);
  });

  it('lists what a subject may view', async () => {
    expect((await authz.lookupResources(user('carol'), 'view', 'workspace')).sort()).toEqual(['child', 'grandchild']);
    expect((await authz.lookupResources(user('alice'), 'view', 'workspace')).sort()).toEqual(['child', 'grandchild', 'root-ws', 'sibling']);
  });

  it('writes and deletes idempotently, answering right after each write', async () => {
    const grant = rel('workspace', 'root-ws', 'member', user('hank'));
    await authz.writeRelationships([grant]);
    await authz.writeRelationships([grant]);
    expect(await authz.readRelationships({ resourceType: 'workspace', resourceId: 'root-ws', relation: 'member' })).toEqual([grant]);
    expect(await can('hank', 'view', 'workspace', 'grandchild')).toBe(true);

    await authz.writeRelationships([], [grant]);
    await authz.writeRelationships([], [grant]);
    expect(await can('hank', 'view', 'workspace', 'grandchild')).toBe(false);
  });

  it('deletes what a filter matches, and nothing else', async () => {
    await authz.writeRelationships([rel('workspace', 'w-x', 'member', user('ivy')), rel('workspace', 'w-y', 'member', user('ivy'))]);
    await authz.deleteRelationships({ resourceType: 'workspace', subject: { type: 'user', id: 'ivy' }, resourceId: 'w-x' });
    await authz.deleteRelationships({ resourceType: 'workspace', subject: { type: 'user', id: 'ivy' }, resourceId: 'w-x' });
    expect(await authz.lookupResources(user('ivy'), 'view', 'workspace')).toEqual(['w-y']);

    await authz.deleteRelationships({ resourceType: 'workspace', relation: 'member', subject: { type: 'team', id: 'ops', relation: 'member' } });
    expect(await can('frank', 'view', 'workspace', 'sibling')).toBe(false);
    expect(await can('carol', 'view', 'workspace', 'child')).toBe(true);
  });
});
