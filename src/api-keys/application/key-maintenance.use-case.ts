import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Clock, Principal, TransactionRunner } from '../../platform';
import { ApiKeyAccess } from './api-key-access';
import { KeyMaintenanceStore } from './ports/key-maintenance.store';
import { VerifiedKeyCache } from './verified-key-cache';

const DAY_MS = 24 * 3600_000;

export interface MaintenanceReport {
  /** False when another instance was running maintenance at that moment (it does the work). */
  ran: boolean;
  rotationsFinalized: number;
  unusedKeysExpired: number;
  usageRowsPruned: number;
}

/**
 * The daily key maintenance, across tenants in one system transaction under an advisory lock:
 * finalizes rotations past their grace, expires keys unused for the tenant policy's
 * `auto_expire_unused_days`, prunes the usage log past retention. Idempotent: a second run
 * finds nothing left to do. Reports its counts in one structured log line.
 */
@Injectable()
export class KeyMaintenanceUseCase {
  private readonly logger = new Logger('ApiKeyMaintenance');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly store: KeyMaintenanceStore,
    private readonly cache: VerifiedKeyCache,
    private readonly access: ApiKeyAccess,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  /** For system administrators: run it now. */
  async runFor(principal: Principal): Promise<MaintenanceReport> {
    await this.access.requireSystemAdmin(principal);
    return this.run('request');
  }

  async run(trigger: 'schedule' | 'request'): Promise<MaintenanceReport> {
    const now = this.clock.now();
    const retentionStart = new Date(now.getTime() - this.config.apiKeys.usageRetentionDays * DAY_MS);
    const outcome = await this.tx.asSystem(async () => {
      if (!(await this.store.tryLock())) return undefined;
      const finalized = await this.store.finalizeRotations(now);
      const expired = await this.store.expireUnused(now);
      const pruned = await this.store.pruneUsage(retentionStart);
      return { finalized, expired, pruned };
    });
    // Expiry changes verification: drop this instance's copies now (the trigger tells the others).
    for (const key of outcome?.expired ?? []) this.cache.invalidate(key.id);
    const report: MaintenanceReport = {
      ran: outcome !== undefined,
      rotationsFinalized: outcome?.finalized.length ?? 0,
      unusedKeysExpired: outcome?.expired.length ?? 0,
      usageRowsPruned: outcome?.pruned ?? 0,
    };
    this.logger.log({
      msg: 'api key maintenance',
      event: 'api_key_maintenance',
      trigger,
      ran: report.ran,
      rotations_finalized: report.rotationsFinalized,
      unused_keys_expired: report.unusedKeysExpired,
      usage_rows_pruned: report.usageRowsPruned,
      usage_retention_days: this.config.apiKeys.usageRetentionDays,
    });
    return report;
  }
}
