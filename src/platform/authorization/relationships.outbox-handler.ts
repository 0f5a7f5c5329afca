import { Injectable } from '@nestjs/common';
import { OutboxHandler } from '../outbox/outbox.port';
import { AuthorizationPort } from './authorization.port';
import { RELATIONSHIP_CHANGES_TOPIC, RelationshipChanges } from './relationship-changes';

/**
 * Applies queued relationship changes to SpiceDB. TOUCH and DELETE make a repeat harmless, so a
 * message delivered twice (after a crash) leaves the same relationships as once.
 */
@Injectable()
export class RelationshipsOutboxHandler extends OutboxHandler {
  readonly topic = RELATIONSHIP_CHANGES_TOPIC;

  constructor(private readonly authorization: AuthorizationPort) {
    super();
  }

  async handle(payload: Record<string, unknown>): Promise<void> {
    const changes = payload as RelationshipChanges;
    if (changes.touch?.length || changes.delete?.length) {
      await this.authorization.writeRelationships(changes.touch ?? [], changes.delete ?? []);
    }
    for (const filter of changes.delete_filters ?? []) await this.authorization.deleteRelationships(filter);
  }
}
