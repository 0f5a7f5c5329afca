import type { Relationship } from '../../platform';
import type { RelationshipChange } from './relationship-changes';

const keyOf = (r: Relationship): string =>
  `${r.resource.type}:${r.resource.id}#${r.relation}@${r.subject.type}:${r.subject.id}${r.subject.relation ? `#${r.subject.relation}` : ''}`;

/** What turns `before` into `after`: one write never touches and deletes the same relationship. */
export function relationshipDiff(before: Relationship[], after: Relationship[]): RelationshipChange {
  const was = new Set(before.map(keyOf));
  const will = new Set(after.map(keyOf));
  return { touch: after.filter((r) => !was.has(keyOf(r))), delete: before.filter((r) => !will.has(keyOf(r))) };
}
