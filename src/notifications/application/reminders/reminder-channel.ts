import type { Reminder, ReminderChannelName } from '../../domain/reminder';

/** How a channel reports each delivery as it goes, so that a run that dies repeats nothing already reported. */
export interface DeliveryReport {
  /** Whether this run still holds the delivery; a channel skips one another run has taken over. */
  holds(id: string): boolean;
  /** Records deliveries as sent; returns those still held by this run (the only ones that count). */
  sent(ids: string[]): Promise<string[]>;
  /** Records a failed delivery, to be retried with backoff. */
  failed(id: string, error: unknown): Promise<void>;
}

/** One way of delivering reminders (in-app inbox, e-mail, webhook). */
export abstract class ReminderChannel {
  abstract readonly name: ReminderChannelName;

  /** Whether the channel is set up here; an unavailable channel gets no deliveries. */
  abstract available(): boolean;

  /** Delivers `reminders` (all on this channel), reporting each one sent or failed. */
  abstract deliver(reminders: Reminder[], report: DeliveryReport): Promise<void>;
}

/** Every channel, in the order a run delivers them. */
export class ReminderChannels {
  constructor(readonly all: ReminderChannel[]) {}

  available(): ReminderChannel[] {
    return this.all.filter((channel) => channel.available());
  }
}
