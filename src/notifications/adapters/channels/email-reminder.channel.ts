import { Injectable, OnApplicationShutdown } from '@nestjs/common';
import { createTransport, Transporter } from 'nodemailer';
import { AppConfig } from '../../../platform';
import type { Reminder } from '../../domain/reminder';
import { DeliveryReport, ReminderChannel } from '../../application/reminders/reminder-channel';
import { reminderContent } from './reminder-content';

/**
 * E-mail over SMTP (nodemailer), to the subscriber's address; off when SMTP_URL is unset. Each
 * message is reported sent as soon as the server accepted it, so a crash repeats at most the one
 * message in flight.
 */
@Injectable()
export class EmailReminderChannel extends ReminderChannel implements OnApplicationShutdown {
  readonly name = 'email';
  private transport?: Transporter;

  constructor(private readonly config: AppConfig) {
    super();
  }

  available(): boolean {
    return this.config.reminders.smtpUrl !== undefined;
  }

  async deliver(reminders: Reminder[], report: DeliveryReport): Promise<void> {
    const transport = this.connect();
    for (const reminder of reminders) {
      // Another run took it over (this one lost its lease): sending it here would send it twice.
      if (!report.holds(reminder.id)) continue;
      const content = reminderContent(reminder);
      try {
        await transport.sendMail({
          from: this.config.reminders.smtpFrom,
          to: reminder.user.email,
          subject: content.subject,
          text: content.text,
          html: content.html,
          headers: { 'X-Gatehouse-Delivery': reminder.id },
        });
      } catch (error) {
        await report.failed(reminder.id, error);
        continue;
      }
      await report.sent([reminder.id]);
    }
  }

  onApplicationShutdown(): void {
    this.transport?.close();
  }

  private connect(): Transporter {
    const url = this.config.reminders.smtpUrl;
    if (!url) throw new Error('SMTP_URL is not set');
    // Timeouts bound a dead server to seconds; the URL (which may carry credentials) is never logged.
    this.transport ??= createTransport({ url, connectionTimeout: 10_000, greetingTimeout: 10_000, socketTimeout: 30_000 });
    return this.transport;
  }
}
