import { mkdirSync } from 'node:fs';
import { resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';
import type { PGLiteSocketServer } from '@electric-sql/pglite-socket';
import { nodeRequire } from '../runtime/node-require';

const pglite = () => nodeRequire('@electric-sql/pglite') as typeof import('@electric-sql/pglite');
const pgliteSocket = () => nodeRequire('@electric-sql/pglite-socket') as typeof import('@electric-sql/pglite-socket');

/**
 * PostgreSQL compiled to WebAssembly (PGlite), served on a loopback socket so that the rest of
 * Gatehouse reaches it with the same `pg` driver it uses for a PostgreSQL server: one code path.
 * PGlite is a single session, so the pool in front of it must hold one connection.
 */
export class EmbeddedPostgres {
  private constructor(
    private readonly db: PGlite,
    private readonly server: PGLiteSocketServer,
    readonly host: string,
    readonly port: number,
  ) {}

  /** `dataDir` is a folder (kept across restarts) or `memory://`. */
  static async start(dataDir: string): Promise<EmbeddedPostgres> {
    const inMemory = dataDir.startsWith('memory://');
    const location = inMemory ? dataDir : resolve(dataDir);
    if (!inMemory) mkdirSync(location, { recursive: true });
    const db = await pglite().PGlite.create(location);
    const server = new (pgliteSocket().PGLiteSocketServer)({ db, host: '127.0.0.1', port: 0, maxConnections: 64 });
    await server.start();
    const port = Number(String(server.getServerConn()).split(':').pop());
    return new EmbeddedPostgres(db, server, '127.0.0.1', port);
  }

  async stop(): Promise<void> {
    await this.server.stop();
    await this.db.close();
  }
}
