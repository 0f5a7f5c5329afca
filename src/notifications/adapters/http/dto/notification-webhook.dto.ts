import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUrl, MaxLength, MinLength } from 'class-validator';
import type { NotificationWebhookView } from '../../../application/reminders/notification-webhook.use-case';

/** Sets the tenant's webhook. The secret is write-only: no answer ever contains it. */
export class PutNotificationWebhookDto {
  @ApiProperty({ example: 'https://hooks.example.com/gatehouse', maxLength: 2000 })
  @IsString()
  @MaxLength(2000)
  @IsUrl({ protocols: ['http', 'https'], require_protocol: true, require_tld: false }, { message: 'url must be an http or https URL' })
  url!: string;

  @ApiProperty({ writeOnly: true, minLength: 16, maxLength: 200, description: 'Signs each request (HMAC-SHA-256); never returned' })
  @IsString()
  @MinLength(16)
  @MaxLength(200)
  secret!: string;
}

export class NotificationWebhookDto {
  @ApiProperty() url!: string;
  @ApiProperty({ description: 'Always true: a webhook cannot exist without its secret, which is never shown' }) secret_set!: boolean;
  @ApiProperty() created_at!: string;
  @ApiProperty() updated_at!: string;

  static from(view: NotificationWebhookView): NotificationWebhookDto {
    return { url: view.url, secret_set: true, created_at: view.createdAt.toISOString(), updated_at: view.updatedAt.toISOString() };
  }
}
