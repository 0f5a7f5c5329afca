import { ApiProperty } from '@nestjs/swagger';
import type { InboxNotification } from '../../../domain/inbox-notification';

export class NotificationDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'api_key.expiring', description: 'What happened; the payload follows the kind' }) kind!: string;
  @ApiProperty({ type: 'object', additionalProperties: true }) payload!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) read_at!: string | null;

  static from(n: InboxNotification): NotificationDto {
    return { id: n.id, kind: n.kind, payload: n.payload, created_at: n.createdAt.toISOString(), read_at: n.readAt?.toISOString() ?? null };
  }
}

export class NotificationPageDto {
  @ApiProperty({ type: [NotificationDto], description: 'Unread first, then newest first' }) items!: NotificationDto[];
  @ApiProperty({ description: 'Unread notifications in the whole inbox' }) unread_count!: number;
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}
