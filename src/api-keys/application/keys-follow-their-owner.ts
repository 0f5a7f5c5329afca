import { Injectable } from '@nestjs/common';
import { UserAccessChange } from '../../iam';
import { VerifiedKeyCache } from './verified-key-cache';

/**
 * A cached key carries its owner's state as it was read (disabled or not, the level it may use).
 * When the owner changes, the users trigger announces the owner's keys to every instance that
 * listens; this instance (the only one, on embedded PostgreSQL) also forgets what it cached, at
 * once, so its next request reads the owner anew. Such changes are rare: dropping the whole cache
 * costs one lookup per key in use, and needs no list of the owner's keys.
 */
@Injectable()
export class KeysFollowTheirOwner extends UserAccessChange {
  constructor(private readonly cache: VerifiedKeyCache) {
    super();
  }

  userAccessChanged(): void {
    this.cache.clear();
  }
}
