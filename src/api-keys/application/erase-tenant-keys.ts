import { Injectable } from '@nestjs/common';
import { TenantErasure } from '../../iam';
import { ApiKeyWrites } from './api-key-writes';
import { ApiKeyRepository } from './ports/api-key.repository';
import { UsageLog } from './ports/usage-log';
import { VerifiedKeyCache } from './verified-key-cache';

/**
 * A tenant's deletion takes its keys with it (ON DELETE CASCADE); this removes what the cascade
 * cannot reach: the keys' usage log (no foreign key: see migration 19), the keys' relationships in
 * SpiceDB, and this instance's cached verifications (other instances hear of each deleted row from
 * the table's trigger).
 */
@Injectable()
export class EraseTenantKeys extends TenantErasure {
  constructor(
    private readonly keys: ApiKeyRepository,
    private readonly writes: ApiKeyWrites,
    private readonly cache: VerifiedKeyCache,
    private readonly usage: UsageLog,
  ) {
    super();
  }

  async eraseTenant(tenantId: string): Promise<void> {
    await this.usage.eraseTenant(tenantId);
    const ids = await this.keys.idsOfTenant(tenantId);
    if (ids.length > 0) await this.writes.unrelate(ids);
    this.cache.invalidateTenant(tenantId);
  }
}
