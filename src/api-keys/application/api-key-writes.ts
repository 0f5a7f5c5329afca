import { Injectable } from '@nestjs/common';
import { enqueueRelationshipChanges, Outbox, Relationship, TransactionRunner } from '../../platform';
import { tenantRef, teamRef, userSubject } from '../../iam';
import type { ApiKey } from '../domain/api-key';
import { KeyChangeFeed } from './ports/key-change-feed';
import { VerifiedKeyCache } from './verified-key-cache';

const apiKeyRef = (id: string) => ({ type: 'api_key', id });

/**
 * One write to keys = one tenant transaction. Keys whose verification may change are dropped
 * from this instance's cache after the commit and announced (by the table's trigger) to the
 * others; the write returns once the announcement came back, so every instance has seen it.
 */
@Injectable()
export class ApiKeyWrites {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
    private readonly cache: VerifiedKeyCache,
    private readonly feed: KeyChangeFeed,
  ) {}

  async inTenant<T>(tenantId: string, changedKeyIds: string[], work: () => Promise<T>): Promise<T> {
    const announcement = this.feed.expect(changedKeyIds);
    let result: T;
    try {
      result = await this.tx.inTenant(tenantId, work);
    } catch (error) {
      announcement.cancel();
      throw error;
    }
    for (const id of changedKeyIds) this.cache.invalidate(id);
    await announcement.arrived;
    await this.outbox.flush();
    return result;
  }

  /** The key's place in the authorization graph (schema.zed `api_key`), queued with the transaction. */
  relate(key: ApiKey): Promise<void> {
    const touch: Relationship[] = [
      { resource: apiKeyRef(key.id), relation: 'tenant', subject: tenantRef(key.tenantId) },
      { resource: apiKeyRef(key.id), relation: 'owner', subject: userSubject(key.userId) },
    ];
    if (key.teamId) touch.push({ resource: apiKeyRef(key.id), relation: 'team', subject: teamRef(key.teamId) });
    return enqueueRelationshipChanges(this.outbox, { touch });
  }

  unrelate(keyIds: string[]): Promise<void> {
    return enqueueRelationshipChanges(this.outbox, { delete_filters: keyIds.map((id) => ({ resourceType: 'api_key', resourceId: id })) });
  }
}
