import { DynamicModule, Type } from '@nestjs/common';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { Test, TestingModuleBuilder } from '@nestjs/testing';
import { getDataSourceToken } from '@nestjs/typeorm';
import request from 'supertest';
import TestAgent from 'supertest/lib/agent';
import { AppModule } from '../../src/app.module';
import { AppConfig } from '../../src/platform/config/app-config';
import { GatehouseDataSource } from '../../src/platform/database/open-data-source';
import { configureApp } from '../../src/platform/http/configure-app';
import { createFastifyAdapter, NEST_APP_OPTIONS } from '../../src/platform/http/create-fastify-adapter';
import { LogStream } from '../../src/platform/logging/log-stream';
import { CapturedLog } from './captured-log';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TestApp {
  app: NestFastifyApplication;
  http: TestAgent;
  config: AppConfig;
  dataSource: GatehouseDataSource;
  log: CapturedLog;
  database: TestDatabase;
  close(): Promise<void>;
}

export interface TestAppOptions {
  env?: Record<string, string>;
  database?: TestDatabase;
  override?: (builder: TestingModuleBuilder) => TestingModuleBuilder;
  /** Extra modules, e.g. test fixtures. */
  imports?: Array<Type | DynamicModule>;
}

/** The whole application on a fresh database of its own, as supertest sees it. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const database = options.database ?? (await createTestDatabase());
  const ownsDatabase = options.database === undefined;
  const config = AppConfig.fromEnv({ NODE_ENV: 'test', LOG_LEVEL: 'info', ...database.env, ...options.env });
  const log = new CapturedLog();
  let builder = Test.createTestingModule({ imports: [AppModule, ...(options.imports ?? [])] })
    .overrideProvider(AppConfig)
    .useValue(config)
    .overrideProvider(LogStream)
    .useValue(log);
  if (options.override) builder = options.override(builder);
  let app: NestFastifyApplication | undefined;
  try {
    const moduleRef = await builder.compile();
    app = moduleRef.createNestApplication<NestFastifyApplication>(createFastifyAdapter(config.trustedProxies), { ...NEST_APP_OPTIONS, logger: false });
    await configureApp(app);
    await app.init();
    await app.getHttpAdapter().getInstance().ready();
  } catch (error) {
    // A half-started app still holds the database (and the embedded server): let nothing outlive the suite.
    await app?.close().catch(() => undefined);
    if (ownsDatabase) await database.drop().catch(() => undefined);
    throw error;
  }
  return {
    app,
    http: request(app.getHttpServer()),
    config,
    dataSource: app.get<GatehouseDataSource>(getDataSourceToken()),
    log,
    database,
    close: async () => {
      await app.close();
      if (ownsDatabase) await database.drop();
    },
  };
}
