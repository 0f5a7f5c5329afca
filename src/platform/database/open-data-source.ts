import { DataSource, DataSourceOptions } from 'typeorm';
import { migrations } from '../../../migrations';
import { AppConfig } from '../config/app-config';
import { EmbeddedPostgres } from './embedded-postgres';

/** A DataSource that also stops the embedded PostgreSQL it runs on, after its pool is closed. */
export class GatehouseDataSource extends DataSource {
  embedded?: EmbeddedPostgres;

  get isEmbedded(): boolean {
    return this.embedded !== undefined;
  }

  override async destroy(): Promise<void> {
    if (this.isInitialized) await super.destroy();
    await this.embedded?.stop();
    this.embedded = undefined;
  }
}

type EntityList = NonNullable<DataSourceOptions['entities']>;

/**
 * Opens the database the configuration names: the PostgreSQL server at DATABASE_URL, or embedded
 * PostgreSQL under GATEHOUSE_DATA_DIR. Either way the result is TypeORM over `pg`: one code path.
 */
export async function openDataSource(config: AppConfig, entities: EntityList = []): Promise<GatehouseDataSource> {
  const embedded = config.database.url ? undefined : await EmbeddedPostgres.start(config.database.dataDir);
  const target = embedded
    ? { host: embedded.host, port: embedded.port, username: 'postgres', database: 'postgres' }
    : { url: config.database.url };
  const dataSource = new GatehouseDataSource({
    type: 'postgres',
    ...target,
    entities,
    migrations,
    migrationsTransactionMode: 'each',
    synchronize: false,
    // PGlite is a single session: a second connection would wait forever behind a transaction.
    poolSize: embedded ? 1 : config.database.poolSize,
    extra: { application_name: 'gatehouse' },
  });
  dataSource.embedded = embedded;
  try {
    await dataSource.initialize();
  } catch (error) {
    await dataSource.destroy();
    throw error;
  }
  return dataSource;
}
