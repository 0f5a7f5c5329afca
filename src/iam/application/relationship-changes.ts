import { Injectable } from '@nestjs/common';
import { Outbox, Relationship, RELATIONSHIP_CHANGES_TOPIC, RelationshipFilter } from '../../platform';

export interface RelationshipChange {
  touch?: Relationship[];
  delete?: Relationship[];
  deleteFilters?: RelationshipFilter[];
}

/** Queues relationship changes in the current transaction: they reach SpiceDB only if it commits. */
@Injectable()
export class RelationshipChanges {
  constructor(private readonly outbox: Outbox) {}

  async queue(change: RelationshipChange): Promise<void> {
    const payload: Record<string, unknown> = {};
    if (change.touch?.length) payload.touch = change.touch;
    if (change.delete?.length) payload.delete = change.delete;
    if (change.deleteFilters?.length) payload.delete_filters = change.deleteFilters;
    if (Object.keys(payload).length > 0) await this.outbox.enqueue(RELATIONSHIP_CHANGES_TOPIC, payload);
  }
}
