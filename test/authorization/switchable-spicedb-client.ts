import { readSchema, SpiceDbClient, SpiceDbPermissions, startEmbeddedSpiceDb } from '../../src/platform/authorization/spicedb-client';

/**
 * The real embedded SpiceDB behind a switch: while `down`, every write and delete fails as an
 * unreachable server would; checks keep answering. Counts the writes that went through.
 */
export class SwitchableSpiceDb implements SpiceDbClient {
  down = false;
  appliedWrites = 0;
  appliedDeletes = 0;
  readonly permissions: SpiceDbPermissions;
  readonly v1: SpiceDbClient['v1'];

  private constructor(private readonly real: SpiceDbClient) {
    this.v1 = real.v1;
    const fail = () => Promise.reject(new Error('14 UNAVAILABLE: SpiceDB unreachable (switched off)'));
    this.permissions = {
      checkPermission: (request) => real.permissions.checkPermission(request),
      lookupResources: (request) => real.permissions.lookupResources(request),
      readRelationships: (request) => real.permissions.readRelationships(request),
      writeRelationships: async (request) => {
        if (this.down) return fail();
        const response = await real.permissions.writeRelationships(request);
        this.appliedWrites += 1;
        return response;
      },
      deleteRelationships: async (request) => {
        if (this.down) return fail();
        const response = await real.permissions.deleteRelationships(request);
        this.appliedDeletes += 1;
        return response;
      },
    };
  }

  static async start(): Promise<SwitchableSpiceDb> {
    return new SwitchableSpiceDb(await startEmbeddedSpiceDb(readSchema()));
  }

  close(): void {
    this.real.close();
  }
}
