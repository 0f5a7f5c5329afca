import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform';
import { stateOf, type ApiKey } from '../domain/api-key';
import { ApiKeyAlreadyExpired, ApiKeyAlreadyRevoked, ApiKeyAlreadySuspended } from '../domain/api-key-errors';
import { ApiKeyAccess } from './api-key-access';
import { ApiKeyWrites } from './api-key-writes';
import { KeyActorContext, KeyAudit } from './key-audit';
import { ApiKeyRepository } from './ports/api-key.repository';
import { KeyReason, KeyStateStore } from './ports/key-state.store';

/** Stops an active key until it is reactivated; every instance refuses it on its next request. */
@Injectable()
export class SuspendApiKeyUseCase {
  constructor(
    private readonly access: ApiKeyAccess,
    private readonly writes: ApiKeyWrites,
    private readonly keys: ApiKeyRepository,
    private readonly states: KeyStateStore,
    private readonly audit: KeyAudit,
    private readonly clock: Clock,
  ) {}

  async execute(context: KeyActorContext, tenantId: string, keyId: string, reason: KeyReason): Promise<ApiKey> {
    await this.access.requireTenantVisible(context.principal, tenantId);
    const now = this.clock.now();
    return this.writes.inTenant(tenantId, [keyId], async () => {
      const key = await this.access.requireManageable(context.principal, await this.keys.findById(keyId));
      const state = stateOf(key, now);
      if (state === 'revoked') throw new ApiKeyAlreadyRevoked();
      if (state === 'expired') throw new ApiKeyAlreadyExpired();
      if (state === 'suspended') throw new ApiKeyAlreadySuspended();
      const suspended = await this.states.suspend(keyId, now, reason);
      await this.audit.record(context, 'suspended', suspended, { reason_code: reason.code, reason_text: reason.text });
      return suspended;
    });
  }
}
