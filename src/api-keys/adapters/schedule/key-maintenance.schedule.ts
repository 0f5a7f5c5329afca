import { Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../../../platform';
import { KeyMaintenanceUseCase } from '../../application/key-maintenance.use-case';

const JOB = 'api-key-maintenance';

/** Runs key maintenance on GATEHOUSE_KEY_MAINTENANCE_CRON (daily by default; `off`: never). */
@Injectable()
export class KeyMaintenanceSchedule implements OnApplicationBootstrap {
  private readonly logger = new Logger('ApiKeyMaintenance');

  constructor(
    private readonly maintenance: KeyMaintenanceUseCase,
    private readonly scheduler: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const cron = this.config.apiKeys.maintenanceCron;
    if (cron === 'off') return;
    const job = CronJob.from({ cronTime: cron, onTick: () => this.tick() });
    this.scheduler.addCronJob(JOB, job);
    job.start();
  }

  private async tick(): Promise<void> {
    try {
      await this.maintenance.run('schedule');
    } catch (error) {
      this.logger.error({ msg: 'api key maintenance failed; the next run retries', err: error });
    }
  }
}
