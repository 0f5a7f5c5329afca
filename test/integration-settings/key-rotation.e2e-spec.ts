import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IntegrationResolver } from '../../src/integration-settings';
import { bearer, loginAsAdmin, startIamApp } from '../support/iam-fixtures';
import { createTestDatabase, onServer, TestDatabase } from '../support/test-database';

const PROVIDER_SECRET = `sk-rotating-${randomBytes(12).toString('hex')}`;
const OLD_KEY = randomBytes(32).toString('base64');
const NEW_KEY = randomBytes(32).toString('base64');

/** One database kept across restarts: a server database, or an embedded one in a data directory. */
async function persistentDatabase(): Promise<{ database: TestDatabase; cleanup: () => Promise<void> }> {
  if (onServer) {
    const database = await createTestDatabase();
    return { database: { ...database, drop: async () => undefined }, cleanup: () => database.drop() };
  }
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-rotation-'));
  return { database: { env: { GATEHOUSE_DATA_DIR: dir }, drop: async () => undefined }, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
}

describe('Encryption key rotation of provider secrets', () => {
  let store: Awaited<ReturnType<typeof persistentDatabase>>;
  beforeAll(async () => {
    store = await persistentDatabase();
  });
  afterAll(() => store?.cleanup());

  const keyIdOfStoredSecret = async (t: Awaited<ReturnType<typeof startIamApp>>) => {
    const [row] = await t.dataSource.query(`SELECT secrets->'api_key'->>'key_id' AS key_id, secrets::text AS raw FROM global_integration_settings WHERE integration_type = 'openai'`);
    expect(row.raw).not.toContain(PROVIDER_SECRET);
    return row.key_id as string;
  };

  it('re-encrypts under the new key on start, after which the old key can go', async () => {
    const first = await startIamApp({ database: store.database, env: { GATEHOUSE_ENCRYPTION_KEY: OLD_KEY, GATEHOUSE_ENCRYPTION_KEY_ID: 'k1' } });
    let fingerprint: string;
    try {
      const res = await first.http.put('/v1/admin/integrations/openai').set(bearer(await loginAsAdmin(first))).send({ secrets: { api_key: PROVIDER_SECRET } }).expect(200);
      fingerprint = res.body.secrets.api_key.fingerprint;
      expect(await keyIdOfStoredSecret(first)).toBe('k1');
    } finally {
      await first.close();
    }

    const rotated = await startIamApp({
      database: store.database,
      env: { GATEHOUSE_ENCRYPTION_KEY: NEW_KEY, GATEHOUSE_ENCRYPTION_KEY_ID: 'k2', GATEHOUSE_ENCRYPTION_PREVIOUS_KEYS: `k1:${OLD_KEY}` },
    });
    try {
      expect(await keyIdOfStoredSecret(rotated)).toBe('k2');
      expect((await rotated.app.get(IntegrationResolver).resolveIntegration(await defaultTenantId(rotated), 'openai')).secret.value).toBe(PROVIDER_SECRET);
      const res = await rotated.http.get('/v1/admin/integrations/openai').set(bearer(await loginAsAdmin(rotated))).expect(200);
      expect(res.body.secrets.api_key).toMatchObject({ set: true, fingerprint });
      expect(rotated.log.text).not.toContain(PROVIDER_SECRET);
      expect(rotated.log.text).not.toContain(OLD_KEY);
    } finally {
      await rotated.close();
    }

    const newOnly = await startIamApp({ database: store.database, env: { GATEHOUSE_ENCRYPTION_KEY: NEW_KEY, GATEHOUSE_ENCRYPTION_KEY_ID: 'k2' } });
    try {
      expect((await newOnly.app.get(IntegrationResolver).resolveIntegration(await defaultTenantId(newOnly), 'openai')).secret.value).toBe(PROVIDER_SECRET);
    } finally {
      await newOnly.close();
    }
  });
});

async function defaultTenantId(t: Awaited<ReturnType<typeof startIamApp>>): Promise<string> {
  const [row] = await t.dataSource.query(`SELECT id FROM tenants ORDER BY created_at LIMIT 1`);
  return row.id;
}
