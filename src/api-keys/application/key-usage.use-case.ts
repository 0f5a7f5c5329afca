import { Injectable } from '@nestjs/common';
import { DEFAULT_PAGE_SIZE, Principal, TransactionRunner } from '../../platform';
import { ApiKeyAccess } from './api-key-access';
import { ApiKeyRepository } from './ports/api-key.repository';
import { KeyUse, UsageLog } from './ports/usage-log';
import { decodeUsageCursor, encodeUsageCursor } from './usage-pages';

export interface KeyUsagePage {
  items: KeyUse[];
  nextCursor: string | null;
}

/** A key's usage log, newest first, for whoever may see the key. */
@Injectable()
export class KeyUsageUseCase {
  constructor(
    private readonly access: ApiKeyAccess,
    private readonly tx: TransactionRunner,
    private readonly keys: ApiKeyRepository,
    private readonly usage: UsageLog,
  ) {}

  async list(principal: Principal, tenantId: string, keyId: string, query: { limit?: number; cursor?: string }): Promise<KeyUsagePage> {
    await this.access.requireTenantVisible(principal, tenantId);
    const after = query.cursor ? decodeUsageCursor(query.cursor) : undefined;
    return this.tx.inTenant(tenantId, async () => {
      await this.access.requireVisible(principal, await this.keys.findById(keyId));
      const page = await this.usage.page(keyId, query.limit ?? DEFAULT_PAGE_SIZE, after);
      return { items: page.items, nextCursor: page.next ? encodeUsageCursor(page.next) : null };
    });
  }
}
