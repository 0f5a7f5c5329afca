import { enqueueRelationshipChanges, Outbox, Relationship } from '../../platform';
import { teamRef, userSubject } from '../../iam';
import type { MergePlan, TeamRole } from '../domain/merge-plan';

/** SpiceDB's default limit of updates per write; larger changes are split into several messages. */
const UPDATES_PER_MESSAGE = 500;

const keyRef = (id: string) => ({ type: 'api_key', id });

/**
 * The authorization graph after a merge: moved users hold their role on the target, moved keys
 * point at the target, revoked keys and everything on the source team are gone.
 */
export async function enqueueMergeRelationships(
  outbox: Outbox,
  plan: MergePlan,
  liveMovedKeyIds: string[],
  grants: Array<{ workspaceId: string; role: TeamRole }>,
): Promise<void> {
  const target = teamRef(plan.target.id);
  const source = teamRef(plan.source.id);
  const touch: Relationship[] = [];
  const remove: Relationship[] = [];
  for (const member of plan.members) {
    if (member.outcome === 'kept') continue;
    touch.push({ resource: target, relation: member.role, subject: userSubject(member.userId) });
    if (member.outcome === 'promoted') remove.push({ resource: target, relation: 'member', subject: userSubject(member.userId) });
  }
  for (const keyId of liveMovedKeyIds) {
    touch.push({ resource: keyRef(keyId), relation: 'team', subject: target });
    remove.push({ resource: keyRef(keyId), relation: 'team', subject: source });
  }
  for (const grant of grants) {
    remove.push({ resource: { type: 'workspace', id: grant.workspaceId }, relation: grant.role, subject: { ...source, relation: 'member' } });
  }
  for (let i = 0; i < touch.length; i += UPDATES_PER_MESSAGE) {
    await enqueueRelationshipChanges(outbox, { touch: touch.slice(i, i + UPDATES_PER_MESSAGE) });
  }
  for (let i = 0; i < remove.length; i += UPDATES_PER_MESSAGE) {
    await enqueueRelationshipChanges(outbox, { delete: remove.slice(i, i + UPDATES_PER_MESSAGE) });
  }
  const revoked = plan.conflicts.filter((c) => c.resolution === 'revoke').map((c) => ({ resourceType: 'api_key', resourceId: c.keyId }));
  await enqueueRelationshipChanges(outbox, { delete_filters: [...revoked, { resourceType: 'team', resourceId: plan.source.id }] });
}
