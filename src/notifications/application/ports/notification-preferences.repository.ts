import type { NotificationPreferences } from '../../domain/notification-preferences';

/** Preference rows of the current unit of work's tenant. */
export abstract class NotificationPreferencesRepository {
  /** `undefined`: the user never saved preferences (the defaults apply). */
  abstract find(userId: string): Promise<NotificationPreferences | undefined>;
  abstract save(tenantId: string, userId: string, preferences: NotificationPreferences, at: Date): Promise<void>;
  /** Whether the user administers the tenant (`users.role = 'admin'`). */
  abstract isTenantAdmin(userId: string): Promise<boolean>;
}
