import 'reflect-metadata';
import { AppConfig } from './platform/config/app-config';
import { ConfigError } from './platform/config/env-parsers';
import { createApp } from './create-app';

async function main(): Promise<void> {
  const config = AppConfig.load();
  const app = await createApp();
  // SIGTERM/SIGINT (enableShutdownHooks): stop accepting, finish in-flight requests, close the pool.
  await app.listen(config.port, '0.0.0.0');
}

main().catch((error: unknown) => {
  // A bad setting is the operator's to fix: say which, without a stack trace.
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
    process.exit(78); // EX_CONFIG
  }
  process.stderr.write(`Gatehouse failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
