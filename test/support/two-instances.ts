import { createTenant, loginAsAdmin, startIamApp, TenantFixture } from './iam-fixtures';
import { TestApp, TestAppOptions } from './test-app';
import { createTestDatabase, TestDatabase } from './test-database';

export interface TwoInstances {
  one: TestApp;
  two: TestApp;
  /** A tenant made through the first instance. */
  tenant: TenantFixture;
  systemToken: string;
  /** The database both use (its url reaches it directly). */
  database: TestDatabase;
  close(): Promise<void>;
}

/** Two app instances on one fresh server database (suites using it run with describeOnServer). */
export async function startTwoInstances(options: Omit<TestAppOptions, 'database'> = {}): Promise<TwoInstances> {
  const database = await createTestDatabase();
  const started: TestApp[] = [];
  const close = async () => {
    for (const app of started.reverse()) await app.close();
    await database.drop();
  };
  try {
    started.push(await startIamApp({ ...options, database }));
    started.push(await startIamApp({ ...options, database }));
    const [one, two] = started;
    const systemToken = await loginAsAdmin(one);
    return { one, two, tenant: await createTenant(one, systemToken), systemToken, database, close };
  } catch (error) {
    await close().catch(() => undefined);
    throw error;
  }
}
