import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { AuthorizationPort } from './authorization.port';
import { connectRemoteSpiceDb, readSchema, SpiceDbClient, startEmbeddedSpiceDb } from './spicedb-client';
import { RelationshipsOutboxHandler } from './relationships.outbox-handler';
import { SpiceDbAuthorization } from './spicedb-authorization';

/** The one place that chooses SpiceDB: a remote server when SPICEDB_ENDPOINT is set, else embedded. */
export const SPICEDB_CLIENT = 'SPICEDB_CLIENT';

@Global()
@Module({
  providers: [
    {
      provide: SPICEDB_CLIENT,
      inject: [AppConfig],
      useFactory: (config: AppConfig): Promise<SpiceDbClient> => {
        const schema = readSchema();
        const { endpoint, token, insecure } = config.spicedb;
        return endpoint ? connectRemoteSpiceDb(schema, { endpoint, token, insecure }) : startEmbeddedSpiceDb(schema);
      },
    },
    { provide: AuthorizationPort, inject: [SPICEDB_CLIENT], useFactory: (client: SpiceDbClient) => new SpiceDbAuthorization(client) },
    RelationshipsOutboxHandler,
  ],
  exports: [AuthorizationPort],
})
export class AuthorizationModule implements OnApplicationShutdown {
  constructor(@Inject(SPICEDB_CLIENT) private readonly client: SpiceDbClient) {}

  onApplicationShutdown(): void {
    this.client.close();
  }
}
