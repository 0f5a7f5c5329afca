import 'reflect-metadata';
import { AppConfig } from '../src/platform/config/app-config';
import { openDataSource } from '../src/platform/database/open-data-source';

/** `migrate run` applies every pending migration; `migrate revert` undoes the last one. */
async function main(command: string | undefined): Promise<void> {
  if (command !== 'run' && command !== 'revert') {
    process.stderr.write('usage: migrate run|revert\n');
    process.exit(64);
  }
  const dataSource = await openDataSource(AppConfig.fromEnv());
  try {
    if (command === 'run') {
      const applied = await dataSource.runMigrations({ transaction: 'each' });
      process.stdout.write(applied.length ? applied.map((m) => `applied ${m.name}\n`).join('') : 'nothing to apply\n');
    } else {
      const before = await dataSource.query(`SELECT name FROM migrations ORDER BY id DESC LIMIT 1`).catch(() => []);
      await dataSource.undoLastMigration({ transaction: 'each' });
      process.stdout.write(before[0] ? `reverted ${before[0].name}\n` : 'nothing to revert\n');
    }
  } finally {
    await dataSource.destroy();
  }
}

main(process.argv[2]).catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
