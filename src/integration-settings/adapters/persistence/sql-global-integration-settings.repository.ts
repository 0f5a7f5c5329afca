import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { Settings } from '../../domain/integration-type';
import {
  GlobalIntegrationSettings,
  GlobalIntegrationSettingsRepository,
  StoredSecret,
} from '../../application/ports/global-integration-settings.repository';

type Row = Record<string, unknown>;

/** How one sealed secret sits in the `secrets` jsonb column. */
interface SecretColumn {
  key_id: string;
  iv: string;
  tag: string;
  ciphertext: string;
  fingerprint: string;
  updated_at: string;
}

const COLUMNS = 'integration_type, enabled, defaults, secrets, updated_at, updated_by';

@Injectable()
export class SqlGlobalIntegrationSettingsRepository extends GlobalIntegrationSettingsRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async seedMissing(types: Array<{ type: string; defaults: Settings }>): Promise<void> {
    for (const { type, defaults } of types) {
      await this.tx.manager.query(
        `INSERT INTO global_integration_settings (integration_type, defaults, updated_by) VALUES ($1, $2::jsonb, 'system')
         ON CONFLICT (integration_type) DO NOTHING`,
        [type, JSON.stringify(defaults)],
      );
    }
  }

  async find(type: string): Promise<GlobalIntegrationSettings | undefined> {
    const rows: Row[] = await this.tx.manager.query(`SELECT ${COLUMNS} FROM global_integration_settings WHERE integration_type = $1`, [type]);
    return rows.length ? toSettings(rows[0]) : undefined;
  }

  async findForUpdate(type: string): Promise<GlobalIntegrationSettings | undefined> {
    const rows: Row[] = await this.tx.manager.query(
      `SELECT ${COLUMNS} FROM global_integration_settings WHERE integration_type = $1 FOR UPDATE`,
      [type],
    );
    return rows.length ? toSettings(rows[0]) : undefined;
  }

  async list(): Promise<GlobalIntegrationSettings[]> {
    const rows: Row[] = await this.tx.manager.query(`SELECT ${COLUMNS} FROM global_integration_settings ORDER BY integration_type`);
    return rows.map(toSettings);
  }

  async save(settings: GlobalIntegrationSettings): Promise<void> {
    await this.tx.manager.query(
      `UPDATE global_integration_settings SET enabled = $2, defaults = $3::jsonb, secrets = $4::jsonb, updated_at = $5, updated_by = $6
       WHERE integration_type = $1`,
      [
        settings.type,
        settings.enabled,
        JSON.stringify(settings.defaults),
        JSON.stringify(Object.fromEntries(Object.entries(settings.secrets).map(([name, secret]) => [name, toColumn(secret)]))),
        settings.updatedAt,
        settings.updatedBy,
      ],
    );
  }
}

function toSettings(row: Row): GlobalIntegrationSettings {
  const secrets = (row['secrets'] ?? {}) as Record<string, SecretColumn>;
  return {
    type: String(row['integration_type']),
    enabled: Boolean(row['enabled']),
    defaults: (row['defaults'] ?? {}) as Settings,
    secrets: Object.fromEntries(Object.entries(secrets).map(([name, column]) => [name, fromColumn(column)])),
    updatedAt: new Date(row['updated_at'] as string),
    updatedBy: (row['updated_by'] as string | null) ?? null,
  };
}

function fromColumn(column: SecretColumn): StoredSecret {
  return {
    sealed: { keyId: column.key_id, iv: column.iv, tag: column.tag, ciphertext: column.ciphertext },
    fingerprint: column.fingerprint,
    updatedAt: new Date(column.updated_at),
  };
}

function toColumn(secret: StoredSecret): SecretColumn {
  const { keyId, iv, tag, ciphertext } = secret.sealed;
  return { key_id: keyId, iv, tag, ciphertext, fingerprint: secret.fingerprint, updated_at: secret.updatedAt.toISOString() };
}
