import { DatabaseRoles1732320000001 } from './1732320000001-database-roles';
import { AuditLog1732320000002 } from './1732320000002-audit-log';
import { Outbox1732320000003 } from './1732320000003-outbox';
import { Iam1732320000004 } from './1732320000004-iam';
import { IntegrationSettings1732320000008 } from './1732320000008-integration-settings';
import { ApiKeys1732320000006 } from './1732320000006-api-keys';
import { ApiKeyControls1732320000012 } from './1732320000012-api-key-controls';
import { Notifications1732320000013 } from './1732320000013-notifications';
import { LegacyNotificationSettings1732320000014 } from './1732320000014-legacy-notification-settings';
import { ReminderDeliveries1732320000015 } from './1732320000015-reminder-deliveries';
import { ApiKeyLifecycle1732320000017 } from './1732320000017-api-key-lifecycle';
import { ApiKeyOwnerState1732320000018 } from './1732320000018-api-key-owner-state';
import { UsageLogWithoutTenantKey1732320000019 } from './1732320000019-usage-log-without-tenant-key';

/** Every migration, in order. A new migration is added here too. */
export const migrations = [DatabaseRoles1732320000001, AuditLog1732320000002, Outbox1732320000003, Iam1732320000004, ApiKeys1732320000006, IntegrationSettings1732320000008, ApiKeyControls1732320000012, Notifications1732320000013, LegacyNotificationSettings1732320000014, ReminderDeliveries1732320000015, ApiKeyLifecycle1732320000017, ApiKeyOwnerState1732320000018, UsageLogWithoutTenantKey1732320000019];
