import { Injectable } from '@nestjs/common';
import { OutboxHandler } from '../outbox/outbox.port';
import { AuthorizationPort, Relationship, RelationshipFilter } from './authorization.port';

/** Topic of relationship changes bound for SpiceDB. */
export const RELATIONSHIP_CHANGES_TOPIC = 'spicedb.relationships';

export interface RelationshipChanges {
  touch?: Relationship[];
  delete?: Relationship[];
  delete_filters?: RelationshipFilter[];
}

/** Applies queued relationship changes to SpiceDB; TOUCH and DELETE make a repeat harmless. */
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
