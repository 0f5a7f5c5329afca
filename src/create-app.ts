import { NestFactory } from '@nestjs/core';
import { NestFastifyApplication } from '@nestjs/platform-fastify';
import { AppModule } from './app.module';
import { AppConfig } from './platform/config/app-config';
import { configureApp } from './platform/http/configure-app';
import { createFastifyAdapter, NEST_APP_OPTIONS } from './platform/http/create-fastify-adapter';

/** Builds the configured application without listening; main.ts and scripts share it. */
export async function createApp(): Promise<NestFastifyApplication> {
  const app = await NestFactory.create<NestFastifyApplication>(AppModule, createFastifyAdapter(AppConfig.load().trustedProxies), { ...NEST_APP_OPTIONS, bufferLogs: true });
  await configureApp(app);
  return app;
}
