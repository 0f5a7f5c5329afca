import { Injectable } from '@nestjs/common';
import { Clock, TransactionRunner } from '../../../platform';
import type { Reminder } from '../../domain/reminder';
import { DeliveryReport, ReminderChannel } from '../../application/reminders/reminder-channel';
import { notificationKind, reminderContent, reminderPayload } from './reminder-content';

/**
 * The in-app inbox: a batch becomes `notifications` rows in the same transaction that marks its
 * deliveries sent, so an inbox row exists exactly when its delivery is marked, whatever crashes.
 */
@Injectable()
export class InAppReminderChannel extends ReminderChannel {
  readonly name = 'in_app';

  constructor(
    private readonly tx: TransactionRunner,
    private readonly clock: Clock,
  ) {
    super();
  }

  available(): boolean {
    return true;
  }

  async deliver(reminders: Reminder[], report: DeliveryReport): Promise<void> {
    await this.tx.asSystem(async () => {
      const marked = new Set(await report.sent(reminders.map((reminder) => reminder.id)));
      const written = reminders.filter((reminder) => marked.has(reminder.id));
      if (written.length === 0) return;
      await this.tx.manager.query(
        `INSERT INTO notifications (tenant_id, user_id, kind, payload, created_at)
         SELECT t, u, k, p::jsonb, $5::timestamptz FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::text[]) AS n(t, u, k, p)`,
        [
          written.map((reminder) => reminder.tenantId),
          written.map((reminder) => reminder.user.id),
          written.map(notificationKind),
          written.map((reminder) => JSON.stringify({ ...reminderPayload(reminder), title: reminderContent(reminder).subject })),
          this.clock.now().toISOString(),
        ],
      );
    });
  }
}
