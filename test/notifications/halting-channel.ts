import { DeliveryReport, ReminderChannel, ReminderChannels } from '../../src/notifications/application/reminders/reminder-channel';
import { EmailReminderChannel } from '../../src/notifications/adapters/channels/email-reminder.channel';
import { InAppReminderChannel } from '../../src/notifications/adapters/channels/in-app-reminder.channel';
import { WebhookReminderChannel } from '../../src/notifications/adapters/channels/webhook-reminder.channel';
import type { Reminder, ReminderChannelName } from '../../src/notifications/domain/reminder';
import type { TestingModuleBuilder } from '@nestjs/testing';

/**
 * Wraps a real channel; after `haltAfter` sends it stops dead, never returning, the way a process
 * killed mid-run would leave its claimed deliveries: neither reported sent nor failed. `beforeSend`
 * runs before each send (e.g. to let time pass, or to start another run meanwhile).
 */
export class HaltingChannel extends ReminderChannel {
  readonly name: ReminderChannelName;
  haltAfter = Number.POSITIVE_INFINITY;
  beforeSend?: (reminder: Reminder) => Promise<void>;
  sends = 0;
  halted = false;

  constructor(private readonly inner: ReminderChannel) {
    super();
    this.name = inner.name;
  }

  available(): boolean {
    return this.inner.available();
  }

  async deliver(reminders: Reminder[], report: DeliveryReport): Promise<void> {
    for (const reminder of reminders) {
      if (this.sends >= this.haltAfter) {
        this.halted = true;
        return new Promise<void>(() => undefined);
      }
      await this.beforeSend?.(reminder);
      this.sends += 1;
      await this.inner.deliver([reminder], report);
    }
  }
}

/** Puts a HaltingChannel around the real e-mail channel; `holder.email` is set once the app is built. */
export function haltingEmail(holder: { email?: HaltingChannel }): (builder: TestingModuleBuilder) => TestingModuleBuilder {
  return (builder) =>
    builder.overrideProvider(ReminderChannels).useFactory({
      inject: [InAppReminderChannel, EmailReminderChannel, WebhookReminderChannel],
      factory: (inApp: InAppReminderChannel, email: EmailReminderChannel, webhook: WebhookReminderChannel) => {
        holder.email = new HaltingChannel(email);
        return new ReminderChannels([inApp, holder.email, webhook]);
      },
    });
}
