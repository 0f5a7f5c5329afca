import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const NAME = /^gatehouse_bench_[0-9a-f]{12}$/;

/** A fresh database on the server named by `serverUrl`, dropped by `drop()`. */
export async function createBenchDatabase(serverUrl: string): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `gatehouse_bench_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    if (!NAME.test(name)) throw new Error(`refusing to touch "${name}"`);
    const client = new Client({ connectionString: serverUrl });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE ${name}`);
  const url = new URL(serverUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`) };
}
