import { addressList, bool, ConfigError, cronExpression, Env, int, oneOf, optional, str, url } from './env-parsers';

/** Development-only secrets; production refuses to start with any of them. */
export const DEV_SECRETS = {
  sessionSecret: 'dev-session-secret-change-me-0000000000',
  keyPepper: 'dev-key-pepper-change-me-00000000000000',
  encryptionKey: 'ZGV2LWVuY3J5cHRpb24ta2V5LWNoYW5nZS1tZS0wMDA=',
} as const;

/**
 * The whole configuration, read once at startup. Injected by class: `constructor(config: AppConfig)`.
 */
export class AppConfig {
  readonly nodeEnv!: 'development' | 'test' | 'production';
  readonly port!: number;
  readonly logLevel!: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  /** Proxies (addresses or CIDR ranges) whose X-Forwarded-For names the client; none by default. */
  readonly trustedProxies!: string[];
  readonly database!: {
    /** Set: a PostgreSQL server. Unset: embedded PostgreSQL (PGlite). */
    url?: string;
    dataDir: string;
    poolSize: number;
    migrateOnStart: boolean;
  };
  readonly secrets!: { sessionSecret: string; keyPepper: string; encryptionKey: string };
  readonly spicedb!: { endpoint?: string; token?: string; insecure: boolean };
  /**
   * Integration settings: the id stamped on secrets sealed with GATEHOUSE_ENCRYPTION_KEY, older keys
   * still accepted for reading (`id:base64,...`, while re-encrypting), and the providers' base URLs.
   */
  readonly integrations!: {
    encryptionKeyId: string;
    previousEncryptionKeys?: string;
    openaiBaseUrl: string;
    runwareBaseUrl: string;
    providerTimeoutMs: number;
  };
  readonly outbox!: { pollIntervalMs: number; batchSize: number; maxBackoffMs: number };
  readonly iam!: {
    defaultTenantName: string;
    /** Name of every new tenant's root workspace; unset: the tenant's own name. */
    defaultWorkspaceName?: string;
    adminEmail: string;
    /** Unset outside production: generated and printed once on the console. */
    adminPassword?: string;
    userSessionMinutes: number;
    adminSessionMinutes: number;
    teamTrialDays: number;
    passwordMinLength: number;
    loginMaxFailures: number;
    loginWindowSeconds: number;
  };

  /** API key verification: cache of verified keys, throttling of failed attempts, last-used write-behind. */
  readonly apiKeys!: {
    cacheTtlSeconds: number;
    cacheMaxEntries: number;
    maxFailures: number;
    failureWindowSeconds: number;
    lastUsedFlushMs: number;
    /** Usage log: rows kept this many days (maintenance prunes older ones); written behind every flushMs or batchSize rows. */
    usageRetentionDays: number;
    usageFlushMs: number;
    usageBatchSize: number;
    /** When the daily key maintenance runs (rotations finalized, unused keys expired, usage pruned); `off`: never on its own. */
    maintenanceCron: string;
  };

  /** Redis: set, per-key rate limits are counted there across instances; unset, in each process. */
  readonly redis!: { url?: string; keyPrefix: string; commandTimeoutMs: number };

  /** LiteLLM gateway mirroring keys: unset url = no gateway; team ids are sent as `<teamRegion>_<team id>`. */
  readonly litellm!: { url?: string; masterKey?: string; teamRegion: string; timeoutMs: number };

  /**
   * API key expiry reminders: the job's schedule (`off`: not scheduled), the e-mail channel (unset
   * SMTP_URL: no e-mail) and the tenant webhooks' timeout.
   */
  readonly reminders!: {
    cron: string;
    smtpUrl?: string;
    smtpFrom: string;
    webhookTimeoutMs: number;
    /** Let tenant webhooks reach loopback and private addresses (a deployment whose receivers are internal). */
    webhookAllowPrivate: boolean;
    batchSize: number;
  };

  get isProduction(): boolean {
    return this.nodeEnv === 'production';
  }

  private static loaded?: AppConfig;

  /** The process's configuration: read from the environment once, then shared. */
  static load(): AppConfig {
    AppConfig.loaded ??= AppConfig.fromEnv(process.env);
    return AppConfig.loaded;
  }

  static fromEnv(env: Env = process.env): AppConfig {
    const config = Object.assign(new AppConfig(), {
      nodeEnv: oneOf(env, 'NODE_ENV', ['development', 'test', 'production'] as const, 'development'),
      port: int(env, 'PORT', 3000, 0, 65535),
      logLevel: oneOf(env, 'LOG_LEVEL', ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const, 'info'),
      trustedProxies: addressList(env, 'GATEHOUSE_TRUSTED_PROXIES'),
      database: {
        url: url(env, 'DATABASE_URL', ['postgres:', 'postgresql:']),
        dataDir: str(env, 'GATEHOUSE_DATA_DIR', './.data'),
        poolSize: int(env, 'GATEHOUSE_DB_POOL_SIZE', 10, 1, 200),
        migrateOnStart: bool(env, 'GATEHOUSE_MIGRATE_ON_START', true),
      },
      secrets: {
        sessionSecret: str(env, 'GATEHOUSE_SESSION_SECRET', DEV_SECRETS.sessionSecret),
        keyPepper: str(env, 'GATEHOUSE_KEY_PEPPER', DEV_SECRETS.keyPepper),
        encryptionKey: str(env, 'GATEHOUSE_ENCRYPTION_KEY', DEV_SECRETS.encryptionKey),
      },
      spicedb: {
        endpoint: optional(env, 'SPICEDB_ENDPOINT'),
        token: optional(env, 'SPICEDB_TOKEN'),
        insecure: bool(env, 'SPICEDB_INSECURE', true),
      },
      integrations: {
        encryptionKeyId: str(env, 'GATEHOUSE_ENCRYPTION_KEY_ID', 'k1'),
        previousEncryptionKeys: optional(env, 'GATEHOUSE_ENCRYPTION_PREVIOUS_KEYS'),
        openaiBaseUrl: url(env, 'GATEHOUSE_OPENAI_BASE_URL', ['https:', 'http:']) ?? 'https://api.openai.com/v1',
        runwareBaseUrl: url(env, 'GATEHOUSE_RUNWARE_BASE_URL', ['https:', 'http:']) ?? 'https://api.runware.ai/v1',
        providerTimeoutMs: int(env, 'GATEHOUSE_PROVIDER_TIMEOUT_MS', 10_000, 100, 120_000),
      },
      outbox: {
        pollIntervalMs: int(env, 'GATEHOUSE_OUTBOX_POLL_MS', 1000, 10, 600_000),
        batchSize: int(env, 'GATEHOUSE_OUTBOX_BATCH_SIZE', 100, 1, 10_000),
        maxBackoffMs: int(env, 'GATEHOUSE_OUTBOX_MAX_BACKOFF_MS', 300_000, 10, 86_400_000),
      },
      iam: {
        defaultTenantName: str(env, 'GATEHOUSE_DEFAULT_TENANT_NAME', 'default'),
        defaultWorkspaceName: optional(env, 'GATEHOUSE_DEFAULT_WORKSPACE_NAME'),
        adminEmail: str(env, 'GATEHOUSE_ADMIN_EMAIL', 'admin@gatehouse.local'),
        adminPassword: optional(env, 'GATEHOUSE_ADMIN_PASSWORD'),
        userSessionMinutes: int(env, 'GATEHOUSE_USER_SESSION_MINUTES', 30, 1, 525_600),
        adminSessionMinutes: int(env, 'GATEHOUSE_ADMIN_SESSION_MINUTES', 480, 1, 525_600),
        teamTrialDays: int(env, 'GATEHOUSE_TEAM_TRIAL_DAYS', 30, 0, 3650),
        passwordMinLength: int(env, 'GATEHOUSE_PASSWORD_MIN_LENGTH', 12, 8, 1024),
        loginMaxFailures: int(env, 'GATEHOUSE_LOGIN_MAX_FAILURES', 5, 1, 1000),
        loginWindowSeconds: int(env, 'GATEHOUSE_LOGIN_WINDOW_SECONDS', 900, 1, 86_400),
      },
      apiKeys: {
        cacheTtlSeconds: int(env, 'GATEHOUSE_API_KEY_CACHE_TTL_SECONDS', 30, 0, 3600),
        cacheMaxEntries: int(env, 'GATEHOUSE_API_KEY_CACHE_MAX_ENTRIES', 100_000, 0, 10_000_000),
        maxFailures: int(env, 'GATEHOUSE_API_KEY_MAX_FAILURES', 20, 1, 1_000_000),
        failureWindowSeconds: int(env, 'GATEHOUSE_API_KEY_FAILURE_WINDOW_SECONDS', 60, 1, 86_400),
        lastUsedFlushMs: int(env, 'GATEHOUSE_API_KEY_LAST_USED_FLUSH_MS', 10_000, 10, 600_000),
        usageRetentionDays: int(env, 'GATEHOUSE_USAGE_RETENTION_DAYS', 90, 1, 36_500),
        usageFlushMs: int(env, 'GATEHOUSE_USAGE_FLUSH_MS', 1000, 10, 600_000),
        usageBatchSize: int(env, 'GATEHOUSE_USAGE_BATCH_SIZE', 500, 1, 100_000),
        // Test runs schedule nothing unless a suite asks: a run must not change keys under another suite's feet.
        maintenanceCron: cronExpression(env, 'GATEHOUSE_KEY_MAINTENANCE_CRON', env.NODE_ENV === 'test' ? 'off' : '0 3 * * *'),
      },
      redis: {
        url: url(env, 'REDIS_URL', ['redis:', 'rediss:']),
        keyPrefix: str(env, 'GATEHOUSE_REDIS_KEY_PREFIX', 'gatehouse:'),
        commandTimeoutMs: int(env, 'GATEHOUSE_REDIS_TIMEOUT_MS', 250, 1, 60_000),
      },
      litellm: {
        url: url(env, 'LITELLM_URL', ['https:', 'http:']),
        masterKey: optional(env, 'LITELLM_MASTER_KEY'),
        teamRegion: str(env, 'LITELLM_TEAM_REGION', 'eu'),
        timeoutMs: int(env, 'LITELLM_TIMEOUT_MS', 10_000, 100, 120_000),
      },
      reminders: {
        // Test runs schedule nothing unless a suite asks: a tick must not add rows under another suite's feet.
        cron: cronExpression(env, 'GATEHOUSE_REMINDER_CRON', env.NODE_ENV === 'test' ? 'off' : '*/15 * * * *'),
        smtpUrl: url(env, 'SMTP_URL', ['smtp:', 'smtps:']),
        smtpFrom: str(env, 'SMTP_FROM', 'Gatehouse <no-reply@gatehouse.local>'),
        webhookTimeoutMs: int(env, 'GATEHOUSE_REMINDER_WEBHOOK_TIMEOUT_MS', 5000, 100, 60_000),
        webhookAllowPrivate: bool(env, 'GATEHOUSE_REMINDER_WEBHOOK_ALLOW_PRIVATE', false),
        batchSize: int(env, 'GATEHOUSE_REMINDER_BATCH_SIZE', 1000, 1, 100_000),
      },
    });
    config.validate();
    return config;
  }

  private validate(): void {
    const { sessionSecret, keyPepper, encryptionKey } = this.secrets;
    if (sessionSecret.length < 32) throw new ConfigError('GATEHOUSE_SESSION_SECRET', 'must be at least 32 characters');
    if (keyPepper.length < 32) throw new ConfigError('GATEHOUSE_KEY_PEPPER', 'must be at least 32 characters');
    if (Buffer.from(encryptionKey, 'base64').length !== 32) {
      throw new ConfigError('GATEHOUSE_ENCRYPTION_KEY', 'must be 32 bytes, base64-encoded');
    }
    if (this.litellm.url && !this.litellm.masterKey) throw new ConfigError('LITELLM_MASTER_KEY', 'must be set when LITELLM_URL is');
    if (this.spicedb.endpoint && !/^[\w.-]+:\d+$/.test(this.spicedb.endpoint)) {
      throw new ConfigError('SPICEDB_ENDPOINT', 'must be host:port');
    }
    if (this.isProduction) {
      const defaults: Array<[string, boolean]> = [
        ['GATEHOUSE_SESSION_SECRET', sessionSecret === DEV_SECRETS.sessionSecret],
        ['GATEHOUSE_KEY_PEPPER', keyPepper === DEV_SECRETS.keyPepper],
        ['GATEHOUSE_ENCRYPTION_KEY', encryptionKey === DEV_SECRETS.encryptionKey],
      ];
      const left = defaults.filter(([, isDefault]) => isDefault).map(([name]) => name);
      if (!this.iam.adminPassword) left.push('GATEHOUSE_ADMIN_PASSWORD');
      if (left.length > 0) throw new ConfigError(left.join(', '), 'must be set in production (refusing the development default)');
    }
  }
}
