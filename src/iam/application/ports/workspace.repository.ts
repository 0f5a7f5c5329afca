import type { MemberRef, Role, Workspace, WorkspaceMember } from '../../domain/iam';
import type { Page, PageRequest } from './page';

/** The workspace tree of the current tenant, and its memberships. */
export abstract class WorkspaceRepository {
  abstract insert(workspace: { tenantId: string; name: string; parentWorkspaceId: string | null }): Promise<Workspace>;
  /** Inserts the tenant's root unless it has one (race-safe); returns the root either way. */
  abstract ensureRoot(tenantId: string, name: string): Promise<Workspace>;
  abstract findById(id: string): Promise<Workspace | undefined>;
  abstract findRoot(tenantId: string): Promise<Workspace | undefined>;
  /** The tenant's workspaces among `ids` (all of the tenant's when `ids` is undefined). */
  abstract list(tenantId: string, page: PageRequest, ids?: string[]): Promise<Page<Workspace>>;
  abstract listAll(tenantId: string, ids?: string[]): Promise<Workspace[]>;
  /** `id` itself, then its parent, up to the root. */
  abstract ancestorsOf(id: string): Promise<string[]>;
  abstract hasChildren(id: string): Promise<boolean>;
  abstract update(id: string, changes: { name?: string; parentWorkspaceId?: string }): Promise<Workspace>;
  /** Returns false when children still reference it (the RESTRICT foreign key). */
  abstract delete(id: string): Promise<boolean>;
  /** Deletes every workspace of the tenant, deepest first; returns their ids. */
  abstract deleteTreeOf(tenantId: string): Promise<string[]>;
  /** Serializes tree reshaping within a tenant for the rest of the transaction. */
  abstract lockTree(tenantId: string): Promise<void>;

  abstract findMember(workspaceId: string, member: MemberRef): Promise<WorkspaceMember | undefined>;
  abstract upsertMember(tenantId: string, workspaceId: string, member: MemberRef, role: Role): Promise<void>;
  abstract removeMember(workspaceId: string, member: MemberRef): Promise<void>;
  abstract listMembers(workspaceId: string): Promise<WorkspaceMember[]>;
  abstract listAllMembers(tenantId: string): Promise<WorkspaceMember[]>;
  abstract listMembershipsOfTeam(teamId: string): Promise<WorkspaceMember[]>;
}
