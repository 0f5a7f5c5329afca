import { Global, Module } from '@nestjs/common';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsModule } from 'nestjs-cls';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { openDataSource } from './open-data-source';
import { TransactionRunner } from './transaction-runner';

@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [AppConfig],
      // The config rides along in the options: dataSourceFactory cannot inject providers itself.
      useFactory: (config: AppConfig) => ({
        type: 'postgres',
        autoLoadEntities: true,
        retryAttempts: config.database.url ? 5 : 0,
        retryDelay: 2000,
        gatehouseConfig: config,
      }),
      dataSourceFactory: async (options?: DataSourceOptions) => {
        const { gatehouseConfig: config, entities } = options as DataSourceOptions & { gatehouseConfig: AppConfig };
        const dataSource = await openDataSource(config, entities ?? []);
        if (config.database.migrateOnStart) await dataSource.runMigrations({ transaction: 'each' });
        return dataSource;
      },
    }),
    ClsModule.forRoot({
      global: true,
      plugins: [
        new ClsPluginTransactional({
          adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
        }),
      ],
    }),
  ],
  providers: [TransactionRunner],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
