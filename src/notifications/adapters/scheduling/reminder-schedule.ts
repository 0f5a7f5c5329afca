import { BeforeApplicationShutdown, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { SchedulerRegistry } from '@nestjs/schedule';
import { CronJob } from 'cron';
import { AppConfig } from '../../../platform';
import { RunReminderJobUseCase } from '../../application/reminders/run-reminder-job.use-case';

/** The name the reminder job has in the scheduler registry. */
export const REMINDER_CRON_JOB = 'api-key-reminders';

/**
 * Runs the reminder job on GATEHOUSE_REMINDER_CRON (`off`: never). A tick while the previous run
 * is still going is skipped; safety across instances comes from the delivery rows, not from here.
 */
@Injectable()
export class ReminderSchedule implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger('Reminders');
  private running?: Promise<void>;

  constructor(
    private readonly job: RunReminderJobUseCase,
    private readonly registry: SchedulerRegistry,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    const expression = this.config.reminders.cron;
    if (expression === 'off') return;
    // An impossible expression (e.g. minute 61) throws here and stops the start, naming the setting.
    let cron: CronJob;
    try {
      cron = CronJob.from({ cronTime: expression, onTick: () => this.tick(), start: false, utcOffset: 0 });
    } catch (error) {
      throw new Error(`Invalid configuration: GATEHOUSE_REMINDER_CRON ${(error as Error).message}`);
    }
    this.registry.addCronJob(REMINDER_CRON_JOB, cron);
    cron.start();
  }

  async beforeApplicationShutdown(): Promise<void> {
    if (this.registry.doesExist('cron', REMINDER_CRON_JOB)) await this.registry.getCronJob(REMINDER_CRON_JOB).stop();
    await this.running;
  }

  private tick(): void {
    if (this.running) return;
    this.running = this.job
      .run()
      .then(() => undefined)
      .catch((error: unknown) => this.logger.error({ err: error }, 'reminder run failed; the next tick tries again'))
      .finally(() => (this.running = undefined));
  }
}
