import { Injectable } from '@nestjs/common';
import { ApiKeyCreatedHook, CreatedApiKey } from '../../api-keys';
import { Clock } from '../../platform';
import { KeySubscriptionsRepository } from './ports/key-subscriptions.repository';

/**
 * A new key is followed by its creator (auto_follow, on by default) and by tenant admins who follow
 * every key, in the key's own transaction. A key issued by rotation is also followed by everyone who
 * followed the key it replaces (with the same source): the reminders go on with the new key.
 */
@Injectable()
export class AutoFollowNewKeys extends ApiKeyCreatedHook {
  constructor(
    private readonly subscriptions: KeySubscriptionsRepository,
    private readonly clock: Clock,
  ) {
    super();
  }

  async keyCreated(key: CreatedApiKey): Promise<void> {
    const now = this.clock.now();
    if (key.replacesKeyId) await this.subscriptions.carryOver(key.tenantId, key.replacesKeyId, key.id, now);
    await this.subscriptions.autoFollow(key.tenantId, key.id, key.creatorId, now);
  }
}
