import { Injectable } from '@nestjs/common';
import { Clock, TransactionRunner } from '../../../platform';
import type { Reminder } from '../../domain/reminder';
import { DeliveryReport, ReminderChannel } from '../../application/reminders/reminder-channel';
import { notificationKind, reminderPayload, reminderSubject } from './reminder-content';

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
      // One JSON document for the whole batch: the least the process builds and keeps per row.
      const rows = written.map((reminder) => ({
        tenant_id: reminder.tenantId,
        user_id: reminder.user.id,
        kind: notificationKind(reminder),
        payload: { ...reminderPayload(reminder), title: reminderSubject(reminder) },
      }));
      await this.tx.manager.query(
        `INSERT INTO notifications (tenant_id, user_id, kind, payload, created_at)
         SELECT n.tenant_id, n.user_id, n.kind, n.payload, $2::timestamptz
         FROM jsonb_to_recordset($1::jsonb) AS n(tenant_id uuid, user_id uuid, kind text, payload jsonb)`,
        [JSON.stringify(rows), this.clock.now().toISOString()],
      );
    });
  }
}
