import { Module } from '@nestjs/common';

/** Notifications: API key expiry preferences, subscriptions, the in-app inbox and the reminder job. */
@Module({
  imports: [],
  controllers: [],
  providers: [],
  exports: [],
})
export class NotificationsModule {}
