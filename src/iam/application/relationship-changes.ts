import { Injectable } from '@nestjs/common';
import { enqueueRelationshipChanges, Outbox, Relationship, RelationshipFilter } from '../../platform';

export interface RelationshipChange {
  touch?: Relationship[];
  delete?: Relationship[];
  deleteFilters?: RelationshipFilter[];
}

/** Queues relationship changes in the current transaction: they reach SpiceDB only if it commits. */
@Injectable()
export class RelationshipChanges {
  constructor(private readonly outbox: Outbox) {}

  queue(change: RelationshipChange): Promise<void> {
    return enqueueRelationshipChanges(this.outbox, {
      touch: change.touch,
      delete: change.delete,
      delete_filters: change.deleteFilters,
    });
  }
}
