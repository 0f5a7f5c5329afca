import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

/** Which database the e2e suites run on: embedded PGlite (default) or the PostgreSQL server. */
export const onServer = process.env.GATEHOUSE_TEST_DB === 'server';

const SERVER_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
const TEST_NAME = /^gatehouse_test_[a-z0-9_]+$/;

export interface TestDatabase {
  /** Environment that points Gatehouse at this database. */
  env: Record<string, string>;
  url?: string;
  drop(): Promise<void>;
}

/** A fresh database for one suite: an in-memory PGlite, or a new database on the server. */
export async function createTestDatabase(): Promise<TestDatabase> {
  if (!onServer) return { env: { GATEHOUSE_DATA_DIR: 'memory://' }, drop: async () => undefined };
  const name = `gatehouse_test_${randomBytes(6).toString('hex')}`;
  await admin((c) => c.query(`CREATE DATABASE ${assertTestName(name)}`));
  const url = new URL(SERVER_URL);
  url.pathname = `/${name}`;
  return {
    env: { DATABASE_URL: url.toString() },
    url: url.toString(),
    drop: () => admin((c) => c.query(`DROP DATABASE IF EXISTS ${assertTestName(name)} WITH (FORCE)`)).then(() => undefined),
  };
}

/**
 * A database that outlives one app instance, for a second one to open after it: a new database on
 * the server, or an embedded data folder on disk. `drop()` removes either.
 */
export async function createReopenableDatabase(): Promise<TestDatabase> {
  if (onServer) return createTestDatabase();
  const dir = mkdtempSync(join(tmpdir(), 'gatehouse-test-'));
  return { env: { GATEHOUSE_DATA_DIR: dir }, drop: async () => rmSync(dir, { recursive: true, force: true }) };
}

/** The harness never touches a database whose name does not say it is a test database. */
export function assertTestName(name: string): string {
  if (!TEST_NAME.test(name)) throw new Error(`refusing to touch non-test database "${name}"`);
  return name;
}

async function admin<T>(work: (client: Client) => Promise<T>): Promise<T> {
  const client = new Client({ connectionString: SERVER_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** `describe` for suites that need several real connections at once: server only, said when skipped. */
export function describeOnServer(name: string, body: () => void): void {
  if (onServer) {
    describe(name, body);
  } else {
    describe(name, () => {
      it.skip(`needs concurrent connections: runs with npm run test:pg (${name})`, () => undefined);
    });
  }
}
