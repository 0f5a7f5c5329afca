import { randomUUID } from 'node:crypto';
import { Injectable, Logger } from '@nestjs/common';
import { AppConfig, Clock } from '../../../platform';
import { emptyCounts, Reminder, ReminderRunCounts } from '../../domain/reminder';
import { nextAttemptAt } from '../../domain/reminder-backoff';
import { BatchLease } from './batch-lease';
import { DeliveryReport, ReminderChannel, ReminderChannels } from './reminder-channel';
import { ReminderClaim, ReminderDeliveryStore } from './reminder-delivery.store';

/**
 * How long a run holds the deliveries it claimed. A run that dies mid-way holds them this long;
 * then the next run sends them. Far longer than a batch takes, so a live run never loses its rows.
 */
export const REMINDER_LEASE_MS = 10 * 60_000;

// Kept in the row for operators: the error's message only, never a payload or a secret.
const MAX_ERROR_LENGTH = 1000;

/**
 * The reminder job: plan every due reminder in one set-based statement (a delivery row per key,
 * user, expiry, kind and channel; the unique constraint makes it once), then claim pending rows in
 * batches under a lease and hand each batch to its channel, which reports every send as it goes.
 * Several runs at once, here or in other instances, never hold the same row (a batch's lease is
 * renewed as it makes progress); a failed send is retried with backoff on the Clock.
 */
@Injectable()
export class RunReminderJobUseCase {
  private readonly logger = new Logger('Reminders');

  constructor(
    private readonly store: ReminderDeliveryStore,
    private readonly channels: ReminderChannels,
    private readonly clock: Clock,
    private readonly config: AppConfig,
  ) {}

  async run(): Promise<ReminderRunCounts> {
    const counts = emptyCounts();
    const channels = this.channels.available();
    const names = channels.map((channel) => channel.name);
    const planned = await this.store.planDue(this.clock.now(), names);
    counts.keysScanned = planned.keysScanned;
    counts.due = planned.created;
    for (;;) {
      const now = this.clock.now();
      const claim: ReminderClaim = { token: randomUUID(), now, until: new Date(now.getTime() + REMINDER_LEASE_MS) };
      const batch = await this.store.claim(claim, names, this.config.reminders.batchSize);
      if (batch.length === 0) break;
      counts.retried += batch.filter((reminder) => reminder.attempts > 1).length;
      const lease = new BatchLease(claim, batch.map((reminder) => reminder.id), this.store, this.clock, REMINDER_LEASE_MS);
      for (const channel of channels) {
        const reminders = batch.filter((reminder) => reminder.channel === channel.name);
        if (reminders.length > 0) await this.deliver(channel, reminders, lease, counts);
      }
    }
    this.logger.log({ ...counts }, 'reminder run done');
    return counts;
  }

  /** One channel's share of a batch; whatever the channel leaves unreported (and still held) counts as failed. */
  private async deliver(channel: ReminderChannel, reminders: Reminder[], lease: BatchLease, counts: ReminderRunCounts): Promise<void> {
    const { claim } = lease;
    const unreported = new Map(reminders.map((reminder) => [reminder.id, reminder]));
    const report: DeliveryReport = {
      holds: (id) => lease.holds(id),
      sent: async (ids) => {
        const marked = await this.store.markSent(ids, claim, this.clock.now());
        for (const id of ids) {
          unreported.delete(id);
          lease.release(id);
        }
        counts.sent[channel.name] += marked.length;
        await lease.keepAlive();
        return marked;
      },
      failed: async (id, error) => {
        const reminder = unreported.get(id);
        if (!reminder || !lease.holds(id)) return;
        unreported.delete(id);
        lease.release(id);
        const retryAt = nextAttemptAt(reminder.attempts, this.clock.now());
        const message = (error instanceof Error ? error.message : String(error)).slice(0, MAX_ERROR_LENGTH);
        await this.store.markFailed(id, claim, message, retryAt);
        counts.failed += 1;
        if (!retryAt) counts.gaveUp += 1;
        this.logger.warn({ deliveryId: id, channel: channel.name, attempts: reminder.attempts, reason: message }, 'reminder delivery failed');
        await lease.keepAlive();
      },
    };
    try {
      await channel.deliver(reminders, report);
    } catch (error) {
      for (const id of [...unreported.keys()]) await report.failed(id, error);
    }
    for (const id of [...unreported.keys()]) await report.failed(id, new Error(`the ${channel.name} channel did not report this delivery`));
  }
}
