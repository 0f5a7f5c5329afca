import type { ObjectRef, Relationship, RelationshipFilter, SubjectRef } from '../../platform';
import type { MemberRef, Role, Team, TeamMember, Tenant, User, Workspace, WorkspaceMember } from '../domain/iam';

/** The relationships schema.zed expects, derived from IAM rows: one place that knows the mapping. */

export const PLATFORM: ObjectRef = { type: 'platform', id: 'gatehouse' };

export const userSubject = (userId: string): SubjectRef => ({ type: 'user', id: userId });
export const tenantRef = (id: string): ObjectRef => ({ type: 'tenant', id });
export const workspaceRef = (id: string): ObjectRef => ({ type: 'workspace', id });
export const teamRef = (id: string): ObjectRef => ({ type: 'team', id });

const rel = (resource: ObjectRef, relation: string, subject: SubjectRef): Relationship => ({ resource, relation, subject });

export function memberSubject(member: MemberRef): SubjectRef {
  return member.kind === 'user' ? userSubject(member.id) : { type: 'team', id: member.id, relation: 'member' };
}

export const graph = {
  tenant: (tenant: Pick<Tenant, 'id'>): Relationship[] => [rel(tenantRef(tenant.id), 'platform', PLATFORM)],

  /** A disabled user keeps no tenant role; a system administrator is also a platform admin. */
  user(user: Pick<User, 'id' | 'tenantId' | 'role' | 'isSystemAdmin' | 'disabledAt'>): Relationship[] {
    if (user.disabledAt) return [];
    const own = [tenantRole(user.tenantId, user.id, user.role)];
    if (user.isSystemAdmin) own.push(rel(PLATFORM, 'admin', userSubject(user.id)));
    return own;
  },

  workspace(workspace: Pick<Workspace, 'id' | 'tenantId' | 'parentWorkspaceId'>): Relationship[] {
    const own = [rel(workspaceRef(workspace.id), 'tenant', tenantRef(workspace.tenantId))];
    if (workspace.parentWorkspaceId) own.push(workspaceParent(workspace.id, workspace.parentWorkspaceId));
    return own;
  },

  workspaceMember: (m: Pick<WorkspaceMember, 'workspaceId' | 'member' | 'role'>): Relationship =>
    rel(workspaceRef(m.workspaceId), m.role, memberSubject(m.member)),

  team: (team: Pick<Team, 'id' | 'tenantId'>): Relationship[] => [rel(teamRef(team.id), 'tenant', tenantRef(team.tenantId))],

  teamMember: (m: Pick<TeamMember, 'teamId' | 'userId' | 'role'>): Relationship => rel(teamRef(m.teamId), m.role, userSubject(m.userId)),
};

export function tenantRole(tenantId: string, userId: string, role: Role): Relationship {
  return rel(tenantRef(tenantId), role, userSubject(userId));
}

export function workspaceParent(workspaceId: string, parentId: string): Relationship {
  return rel(workspaceRef(workspaceId), 'parent', workspaceRef(parentId));
}

/** Every relationship stored on one object. */
export const everythingOn = (ref: ObjectRef): RelationshipFilter => ({ resourceType: ref.type, resourceId: ref.id });
