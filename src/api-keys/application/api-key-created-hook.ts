import { Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { providersOf } from '../../platform';

/** The new key, as another module needs it. */
export interface CreatedApiKey {
  id: string;
  tenantId: string;
  /** The user who created (and owns) the key. */
  creatorId: string;
  teamId: string | null;
  /** The key this one replaces, when it was issued by rotation. */
  replacesKeyId: string | null;
}

/**
 * What another module does when a key is created (also by rotation), inside the creation's
 * transaction (the key's tenant is set), so it commits or rolls back with the key: e.g. subscribe
 * people to its expiry reminders. Provide a class extending this one; it is found at start-up.
 */
export abstract class ApiKeyCreatedHook {
  abstract keyCreated(key: CreatedApiKey): Promise<void>;
}

/** Every ApiKeyCreatedHook provider, found once at start-up; creation and rotation run them. */
@Injectable()
export class ApiKeyCreatedHooks implements OnModuleInit {
  private hooks: ApiKeyCreatedHook[] = [];

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    this.hooks = providersOf(this.discovery, ApiKeyCreatedHook);
  }

  async run(key: CreatedApiKey): Promise<void> {
    for (const hook of this.hooks) await hook.keyCreated(key);
  }
}
