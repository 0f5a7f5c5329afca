// The notifications module's public surface for other modules.
export { NotificationsModule } from './notifications.module';
