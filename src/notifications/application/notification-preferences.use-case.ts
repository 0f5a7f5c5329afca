import { Injectable } from '@nestjs/common';
import { Clock, Principal, TransactionRunner } from '../../platform';
import { TenantKeyFollowAdminsOnly } from '../domain/notification-errors';
import {
  applyPreferenceChange,
  assertDaysWithinPolicy,
  DEFAULT_PREFERENCES,
  effectiveDaysBeforeExpiry,
  NotificationPreferences,
  TenantNotificationPolicy,
} from '../domain/notification-preferences';
import { personOf } from './caller';
import { NotificationPreferencesRepository } from './ports/notification-preferences.repository';
import { TenantNotificationPolicies } from './tenant-policy';

/** A user's preferences with what reminders will actually use. */
export interface PreferencesView {
  preferences: NotificationPreferences;
  /** Whether the user saved preferences (otherwise every value is a default). */
  saved: boolean;
  policy: TenantNotificationPolicy;
  effectiveDaysBeforeExpiry: number;
}

/** Reads and changes the caller's own API key notification preferences. */
@Injectable()
export class NotificationPreferencesUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly preferences: NotificationPreferencesRepository,
    private readonly policies: TenantNotificationPolicies,
    private readonly clock: Clock,
  ) {}

  async get(principal: Principal): Promise<PreferencesView> {
    const person = personOf(principal);
    return this.tx.inTenant(person.tenantId, async () => {
      const saved = await this.preferences.find(person.userId);
      return view(saved ?? DEFAULT_PREFERENCES, saved !== undefined, await this.policies.of(person.tenantId));
    });
  }

  /** Fields left out of `change` keep their values; `daysBeforeExpiry: null` returns to the tenant default. */
  async put(principal: Principal, change: Partial<NotificationPreferences>): Promise<PreferencesView> {
    const person = personOf(principal);
    return this.tx.inTenant(person.tenantId, async () => {
      const policy = await this.policies.of(person.tenantId);
      if (typeof change.daysBeforeExpiry === 'number') assertDaysWithinPolicy(change.daysBeforeExpiry, policy);
      const current = (await this.preferences.find(person.userId)) ?? DEFAULT_PREFERENCES;
      const next = applyPreferenceChange(current, change);
      if (next.autoFollowTenantKeys && !current.autoFollowTenantKeys && !(await this.preferences.isTenantAdmin(person.userId))) {
        throw new TenantKeyFollowAdminsOnly();
      }
      await this.preferences.save(person.tenantId, person.userId, next, this.clock.now());
      return view(next, true, policy);
    });
  }
}

function view(preferences: NotificationPreferences, saved: boolean, policy: TenantNotificationPolicy): PreferencesView {
  return { preferences, saved, policy, effectiveDaysBeforeExpiry: effectiveDaysBeforeExpiry(preferences.daysBeforeExpiry, policy) };
}
