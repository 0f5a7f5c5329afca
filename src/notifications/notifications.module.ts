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

/** Notifications: API key expiry preferences, subscriptions, the in-app inbox and the reminder job. */
@Module({
  imports: [ApiKeysModule],
  controllers: [NotificationPreferencesController, KeySubscriptionController, InboxController],
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
  ],
  exports: [],
})
export class NotificationsModule {}
