import { Injectable } from '@nestjs/common';
import { Clock } from '../../platform';
import { stateOf, type ApiKey } from '../domain/api-key';
import { ApiKeyAlreadyRevoked } from '../domain/api-key-errors';
import { ApiKeyAccess } from './api-key-access';
import { ApiKeyWrites } from './api-key-writes';
import { KeyActorContext, KeyAudit } from './key-audit';
import { ApiKeyRepository } from './ports/api-key.repository';
import { KeyReason, KeyStateStore } from './ports/key-state.store';

/** Revokes a key now, for good (a rotated key in its grace period, a suspended or expired key included). */
@Injectable()
export class RevokeApiKeyUseCase {
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
    return this.writes.inTenant(tenantId, [keyId], async () => {
      const key = await this.access.requireManageable(context.principal, await this.keys.findById(keyId));
      return this.revokeInUnitOfWork(context, key, reason);
    });
  }

  /** The revocation itself, inside the caller's tenant unit of work (which must announce `key.id`). */
  async revokeInUnitOfWork(context: KeyActorContext, key: ApiKey, reason: KeyReason): Promise<ApiKey> {
    const now = this.clock.now();
    if (stateOf(key, now) === 'revoked') throw new ApiKeyAlreadyRevoked();
    const revoked = await this.states.revoke(key.id, now, reason);
    await this.writes.unrelate([key.id]);
    await this.audit.record(context, 'revoked', revoked, { reason_code: reason.code, reason_text: reason.text });
    return revoked;
  }
}
