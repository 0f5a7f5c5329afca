import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform';
import { stateOf, type ApiKey } from '../domain/api-key';
import { ApiKeyAlreadyExpired, ApiKeyAlreadyRevoked, ApiKeyNotSuspended } from '../domain/api-key-errors';
import { ApiKeyAccess } from './api-key-access';
import { ApiKeyWrites } from './api-key-writes';
import { KeyActorContext, KeyAudit } from './key-audit';
import { ApiKeyRepository } from './ports/api-key.repository';
import { KeyStateStore } from './ports/key-state.store';

/**
 * Lifts a suspension: the key works again at once, everywhere. Only a key whose state is
 * `suspended` qualifies; an expired one needs a new expiry first (PATCH), a revoked one never.
 */
@Injectable()
export class ReactivateApiKeyUseCase {
  constructor(
    private readonly access: ApiKeyAccess,
    private readonly writes: ApiKeyWrites,
    private readonly keys: ApiKeyRepository,
    private readonly states: KeyStateStore,
    private readonly audit: KeyAudit,
    private readonly clock: Clock,
  ) {}

  async execute(context: KeyActorContext, tenantId: string, keyId: string): Promise<ApiKey> {
    await this.access.requireTenantVisible(context.principal, tenantId);
    const now = this.clock.now();
    return this.writes.inTenant(tenantId, [keyId], async () => {
      const key = await this.access.requireManageable(context.principal, await this.keys.findById(keyId));
      const state = stateOf(key, now);
      if (state === 'revoked') throw new ApiKeyAlreadyRevoked();
      if (state === 'expired') throw new ApiKeyAlreadyExpired();
      if (state === 'active') throw new ApiKeyNotSuspended();
      const reactivated = await this.states.reactivate(keyId, now);
      await this.audit.record(context, 'reactivated', reactivated, {
        suspended_at: key.suspendedAt?.toISOString() ?? null,
        suspension_reason_code: key.suspensionReasonCode,
      });
      return reactivated;
    });
  }
}
