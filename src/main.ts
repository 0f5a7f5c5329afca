import 'reflect-metadata';
import { AppConfig } from './platform/config/app-config';
import { ConfigError } from './platform/config/env-parsers';
import { createApp } from './create-app';

async function main(): Promise<void> {
  let config: AppConfig;
  try {
    config = AppConfig.fromEnv();
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
  const app = await createApp();
  await app.listen(config.port, '0.0.0.0');
}

void main();
