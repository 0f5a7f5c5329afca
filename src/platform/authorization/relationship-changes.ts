import { Outbox } from '../outbox/outbox.port';
import { Relationship, RelationshipFilter } from './authorization.port';

/** Topic of relationship changes bound for SpiceDB. */
export const RELATIONSHIP_CHANGES_TOPIC = 'spicedb.relationships';

/** One outbox message's worth of SpiceDB writes: TOUCH these, DELETE those, delete what filters match. */
export interface RelationshipChanges {
  touch?: Relationship[];
  delete?: Relationship[];
  delete_filters?: RelationshipFilter[];
}

/**
 * Queues `changes` in the current unit of work (they reach SpiceDB only if it commits); nothing
 * is queued when there is nothing to change.
 */
export async function enqueueRelationshipChanges(outbox: Outbox, changes: RelationshipChanges): Promise<void> {
  const payload: RelationshipChanges = {};
  if (changes.touch?.length) payload.touch = changes.touch;
  if (changes.delete?.length) payload.delete = changes.delete;
  if (changes.delete_filters?.length) payload.delete_filters = changes.delete_filters;
  if (Object.keys(payload).length > 0) await outbox.enqueue(RELATIONSHIP_CHANGES_TOPIC, { ...payload });
}
