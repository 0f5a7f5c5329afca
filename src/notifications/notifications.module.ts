import { Module } from '@nestjs/common';
import { ApiKeysModule } from '../api-keys';
import { SqlInboxRepository } from './adapters/persistence/sql-inbox.repository';
import { SqlKeySubscriptionsRepository } from './adapters/persistence/sql-key-subscriptions.repository';
import { SqlNotificationPreferencesRepository } from './adapters/persistence/sql-notification-preferences.repository';
import { InboxController } from './adapters/http/inbox.controller';
import { KeySubscriptionController } from './adapters/http/key-subscription.controller';
import { NotificationPreferencesController } from './adapters/http/notification-preferences.controller';
import { AutoFollowNewKeys } from './application/auto-follow-new-keys';
import { InboxUseCase } from './application/inbox.use-case';
import { KeySubscriptionsUseCase } from './application/key-subscriptions.use-case';
import { NotificationPreferencesUseCase } from './application/notification-preferences.use-case';
import { InboxRepository } from './application/ports/inbox.repository';
import { KeySubscriptionsRepository } from './application/ports/key-subscriptions.repository';
import { NotificationPreferencesRepository } from './application/ports/notification-preferences.repository';
import { TenantNotificationPolicies } from './application/tenant-policy';
import { ScheduleModule } from '@nestjs/schedule';
import { IntegrationSettingsModule } from '../integration-settings';
import { NotificationWebhookUseCase } from './application/reminders/notification-webhook.use-case';
import { ReminderAccess } from './application/reminders/reminder-access';
import { ReminderChannels } from './application/reminders/reminder-channel';
import { ReminderDeliveryStore } from './application/reminders/reminder-delivery.store';
import { RunReminderJobUseCase } from './application/reminders/run-reminder-job.use-case';
import { TenantWebhookRepository } from './application/reminders/tenant-webhook.repository';
import { EmailReminderChannel } from './adapters/channels/email-reminder.channel';
import { InAppReminderChannel } from './adapters/channels/in-app-reminder.channel';
import { WebhookReminderChannel } from './adapters/channels/webhook-reminder.channel';
import { NotificationWebhookController } from './adapters/http/notification-webhook.controller';
import { ReminderAdminController } from './adapters/http/reminder-admin.controller';
import { SqlReminderDeliveryStore } from './adapters/persistence/sql-reminder-delivery.store';
import { SqlTenantWebhookRepository } from './adapters/persistence/sql-tenant-webhook.repository';
import { ReminderSchedule } from './adapters/scheduling/reminder-schedule';

/** Notifications: API key expiry preferences, subscriptions, the in-app inbox and the reminder job. */
@Module({
  imports: [ApiKeysModule, ScheduleModule.forRoot(), IntegrationSettingsModule],
  controllers: [NotificationPreferencesController, KeySubscriptionController, InboxController, ReminderAdminController, NotificationWebhookController],
  providers: [
    // Preferences, subscriptions (and auto-follow of new keys), the in-app inbox.
    { provide: NotificationPreferencesRepository, useClass: SqlNotificationPreferencesRepository },
    { provide: KeySubscriptionsRepository, useClass: SqlKeySubscriptionsRepository },
    { provide: InboxRepository, useClass: SqlInboxRepository },
    TenantNotificationPolicies,
    NotificationPreferencesUseCase,
    KeySubscriptionsUseCase,
    InboxUseCase,
    AutoFollowNewKeys,
    // The reminder job: delivery rows, its channels (in the order a run delivers them), schedule and webhook settings.
    { provide: ReminderDeliveryStore, useClass: SqlReminderDeliveryStore },
    { provide: TenantWebhookRepository, useClass: SqlTenantWebhookRepository },
    InAppReminderChannel,
    EmailReminderChannel,
    WebhookReminderChannel,
    {
      provide: ReminderChannels,
      inject: [InAppReminderChannel, EmailReminderChannel, WebhookReminderChannel],
      useFactory: (...channels: [InAppReminderChannel, EmailReminderChannel, WebhookReminderChannel]) => new ReminderChannels(channels),
    },
    ReminderAccess,
    RunReminderJobUseCase,
    NotificationWebhookUseCase,
    ReminderSchedule,
  ],
  exports: [],
})
export class NotificationsModule {}
