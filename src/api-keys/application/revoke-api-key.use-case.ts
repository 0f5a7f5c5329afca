import { Injectable } from '@nestjs/common';
import { Clock, Principal } from '../../platform';
import { stateOf, type ApiKey } from '../domain/api-key';
import { ApiKeyAlreadyRevoked } from '../domain/api-key-errors';
import { ApiKeyAccess } from './api-key-access';
import { ApiKeyWrites } from './api-key-writes';
import { ApiKeyRepository } from './ports/api-key.repository';

/** Revokes a key now, for good (a rotated key in its grace period included). */
@Injectable()
export class RevokeApiKeyUseCase {
  constructor(
    private readonly access: ApiKeyAccess,
    private readonly writes: ApiKeyWrites,
    private readonly keys: ApiKeyRepository,
    private readonly clock: Clock,
  ) {}

  async execute(principal: Principal, tenantId: string, keyId: string, reason?: string): Promise<ApiKey> {
    await this.access.requireTenantVisible(principal, tenantId);
    const now = this.clock.now();
    return this.writes.inTenant(tenantId, [keyId], async () => {
      const key = await this.access.requireManageable(principal, await this.keys.findById(keyId));
      if (stateOf(key, now) === 'revoked') throw new ApiKeyAlreadyRevoked();
      const revoked = await this.keys.retire(keyId, now, reason ?? key.revocationReason, now);
      await this.writes.unrelate([keyId]);
      return revoked;
    });
  }
}
