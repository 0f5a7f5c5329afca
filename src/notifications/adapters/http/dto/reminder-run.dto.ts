import { ApiProperty } from '@nestjs/swagger';
import type { ReminderRunCounts } from '../../../domain/reminder';

export class ReminderSentDto {
  @ApiProperty() in_app!: number;
  @ApiProperty() email!: number;
  @ApiProperty() webhook!: number;
}

/** What one run of the reminder job did. */
export class ReminderRunDto {
  @ApiProperty({ description: 'Live keys whose expiry falls in a notice window (or that expired lately), examined by the run' })
  keys_scanned!: number;

  @ApiProperty({ description: 'Reminders found due and planned by this run, one per user and channel' })
  due!: number;

  @ApiProperty({ type: ReminderSentDto, description: 'Deliveries sent by this run, per channel' })
  sent!: ReminderSentDto;

  @ApiProperty({ description: 'Send attempts that failed in this run; each is retried later with backoff' })
  failed!: number;

  @ApiProperty({ description: 'Deliveries taken again: after an earlier failure, or after a run that stopped holding them' })
  retried!: number;

  @ApiProperty({ description: 'Deliveries that failed their last allowed attempt and are no longer retried' })
  gave_up!: number;

  static from(counts: ReminderRunCounts): ReminderRunDto {
    return {
      keys_scanned: counts.keysScanned,
      due: counts.due,
      sent: { ...counts.sent },
      failed: counts.failed,
      retried: counts.retried,
      gave_up: counts.gaveUp,
    };
  }
}
