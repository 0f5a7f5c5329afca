import { AppConfig, DEV_SECRETS } from './app-config';

const productionSecrets = {
  NODE_ENV: 'production',
  GATEHOUSE_SESSION_SECRET: 's'.repeat(40),
  GATEHOUSE_KEY_PEPPER: 'p'.repeat(40),
  GATEHOUSE_ENCRYPTION_KEY: Buffer.alloc(32, 7).toString('base64'),
  GATEHOUSE_ADMIN_PASSWORD: 'a-real-admin-password',
};

describe('AppConfig', () => {
  it('has a safe default for everything on the embedded run', () => {
    const config = AppConfig.fromEnv({});
    expect(config.port).toBe(3000);
    expect(config.database).toMatchObject({ url: undefined, dataDir: './.data', migrateOnStart: true });
    expect(config.secrets.keyPepper).toBe(DEV_SECRETS.keyPepper);
  });

  it.each([
    [{ PORT: 'abc' }, /PORT must be a whole number/],
    [{ PORT: '70000' }, /PORT must be between 0 and 65535/],
    [{ GATEHOUSE_MIGRATE_ON_START: 'maybe' }, /GATEHOUSE_MIGRATE_ON_START must be true or false/],
    [{ DATABASE_URL: 'mysql://x' }, /DATABASE_URL must use one of/],
    [{ GATEHOUSE_ENCRYPTION_KEY: 'c2hvcnQ=' }, /GATEHOUSE_ENCRYPTION_KEY must be 32 bytes/],
    [{ LOG_LEVEL: 'loud' }, /LOG_LEVEL must be one of/],
    [{ GATEHOUSE_REMINDER_CRON: 'every minute' }, /GATEHOUSE_REMINDER_CRON must be a cron expression/],
    [{ SMTP_URL: 'http://mail.example.com' }, /SMTP_URL must use one of smtp:, smtps:/],
  ])('fails fast with a readable message on %j', (env, message) => {
    expect(() => AppConfig.fromEnv(env)).toThrow(message);
  });

  it('refuses the development secrets in production, naming each', () => {
    expect(() => AppConfig.fromEnv({ NODE_ENV: 'production' })).toThrow(
      /GATEHOUSE_SESSION_SECRET, GATEHOUSE_KEY_PEPPER, GATEHOUSE_ENCRYPTION_KEY, GATEHOUSE_ADMIN_PASSWORD must be set in production/,
    );
    expect(() => AppConfig.fromEnv({ ...productionSecrets, GATEHOUSE_KEY_PEPPER: DEV_SECRETS.keyPepper })).toThrow(
      /GATEHOUSE_KEY_PEPPER must be set/,
    );
  });

  it('starts in production with real secrets', () => {
    expect(AppConfig.fromEnv(productionSecrets).isProduction).toBe(true);
  });
});
