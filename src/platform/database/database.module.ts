import { DynamicModule, Global, Module, Provider } from '@nestjs/common';
import { APP_GUARD, APP_INTERCEPTOR } from '@nestjs/core';
import { getDataSourceToken, TypeOrmModule } from '@nestjs/typeorm';
import { ClsPluginTransactional } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsModule } from 'nestjs-cls';
import { DataSourceOptions } from 'typeorm';
import { AppConfig } from '../config/app-config';
import { openDataSource } from './open-data-source';
import { TransactionRunner } from './transaction-runner';

/**
 * nestjs-cls registers a global guard and a global interceptor even when told not to mount them
 * (then they do nothing). Units of work open their own CLS context, so neither is needed, and a
 * global interceptor makes Nest bind an AsyncResource on every request: about 15% of a small
 * request's CPU on Node 20. Dropping both keeps every route free of interceptors.
 */
function withoutRequestEnhancers(module: DynamicModule): DynamicModule {
  const isEnhancer = (p: Provider): boolean => typeof p === 'object' && 'provide' in p && (p.provide === APP_GUARD || p.provide === APP_INTERCEPTOR);
  const strip = (m: DynamicModule): DynamicModule => ({
    ...m,
    providers: (m.providers ?? []).filter((p) => !isEnhancer(p)),
    imports: (m.imports ?? []).map((i) => (typeof i === 'object' && 'module' in i ? strip(i as DynamicModule) : i)),
  });
  return strip(module);
}

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
    withoutRequestEnhancers(
      ClsModule.forRoot({
        global: true,
        plugins: [
          new ClsPluginTransactional({
            adapter: new TransactionalAdapterTypeOrm({ dataSourceToken: getDataSourceToken() }),
          }),
        ],
      }),
    ),
  ],
  providers: [TransactionRunner],
  exports: [TransactionRunner],
})
export class DatabaseModule {}
