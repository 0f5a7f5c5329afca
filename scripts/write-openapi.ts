import 'reflect-metadata';
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { createApp } from '../src/create-app';
import { buildOpenApiDocument } from '../src/platform/http/openapi';

/** Writes openapi.json, the document API clients are generated from, without serving anything. */
async function main(): Promise<void> {
  // Reading the routes needs no data: unless a database is named, use a throwaway in-memory one.
  if (!process.env.DATABASE_URL && !process.env.GATEHOUSE_DATA_DIR) process.env.GATEHOUSE_DATA_DIR = 'memory://';
  process.env.LOG_LEVEL ??= 'warn';
  const app = await createApp();
  const target = resolve(process.argv[2] ?? 'openapi.json');
  writeFileSync(target, `${JSON.stringify(buildOpenApiDocument(app), null, 2)}\n`);
  await app.close();
  process.stdout.write(`wrote ${target}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
