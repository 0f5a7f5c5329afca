import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { MemberRef, Role, Workspace, WorkspaceMember } from '../../domain/iam';
import type { Page, PageRequest } from '../../application/ports/page';
import { WorkspaceRepository } from '../../application/ports/workspace.repository';
import { isForeignKeyViolation, pageClause, positionColumn, toPage, toWorkspace, toWorkspaceMember, WORKSPACE_COLUMNS } from './rows';

const MEMBER_COLUMNS = `m.workspace_id, m.user_id, m.team_id, m.role, m.created_at`;
const memberColumn = (member: MemberRef): string => (member.kind === 'user' ? 'user_id' : 'team_id');

@Injectable()
export class SqlWorkspaceRepository extends WorkspaceRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async insert(workspace: { tenantId: string; name: string; parentWorkspaceId: string | null }): Promise<Workspace> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO workspaces (tenant_id, name, parent_workspace_id, is_root) VALUES ($1, $2, $3::uuid, $3::uuid IS NULL) RETURNING id`,
      [workspace.tenantId, workspace.name, workspace.parentWorkspaceId],
    );
    return (await this.findById(row.id))!;
  }

  async ensureRoot(tenantId: string, name: string): Promise<Workspace> {
    await this.tx.manager.query(
      `INSERT INTO workspaces (tenant_id, name, is_root) VALUES ($1, $2, true) ON CONFLICT (tenant_id) WHERE is_root DO NOTHING`,
      [tenantId, name],
    );
    return (await this.findRoot(tenantId))!;
  }

  async findById(id: string): Promise<Workspace | undefined> {
    const rows = await this.tx.manager.query(`SELECT ${WORKSPACE_COLUMNS} FROM workspaces w WHERE w.id = $1`, [id]);
    return rows.length ? toWorkspace(rows[0]) : undefined;
  }

  async findRoot(tenantId: string): Promise<Workspace | undefined> {
    const rows = await this.tx.manager.query(`SELECT ${WORKSPACE_COLUMNS} FROM workspaces w WHERE w.tenant_id = $1 AND w.is_root`, [tenantId]);
    return rows.length ? toWorkspace(rows[0]) : undefined;
  }

  async list(tenantId: string, page: PageRequest, ids?: string[]): Promise<Page<Workspace>> {
    const params: unknown[] = [tenantId, ids ?? null];
    const clause = pageClause('w', page, params);
    const rows = await this.tx.manager.query(
      `SELECT ${WORKSPACE_COLUMNS}, ${positionColumn('w')} FROM workspaces w
       WHERE w.tenant_id = $1 AND ($2::uuid[] IS NULL OR w.id = ANY($2::uuid[])) ${clause}`,
      params,
    );
    return toPage(rows, page, toWorkspace);
  }

  async listAll(tenantId: string, ids?: string[]): Promise<Workspace[]> {
    const rows = await this.tx.manager.query(
      `SELECT ${WORKSPACE_COLUMNS} FROM workspaces w
       WHERE w.tenant_id = $1 AND ($2::uuid[] IS NULL OR w.id = ANY($2::uuid[])) ORDER BY w.created_at, w.id`,
      [tenantId, ids ?? null],
    );
    return rows.map(toWorkspace);
  }

  async ancestorsOf(id: string): Promise<string[]> {
    const rows = await this.tx.manager.query(
      `WITH RECURSIVE up(id, parent_workspace_id, depth) AS (
         SELECT id, parent_workspace_id, 0 FROM workspaces WHERE id = $1
         UNION ALL
         SELECT w.id, w.parent_workspace_id, up.depth + 1 FROM workspaces w JOIN up ON w.id = up.parent_workspace_id
       ) SELECT id FROM up ORDER BY depth`,
      [id],
    );
    return rows.map((r: { id: string }) => r.id);
  }

  async hasChildren(id: string): Promise<boolean> {
    const rows = await this.tx.manager.query(`SELECT 1 FROM workspaces WHERE parent_workspace_id = $1 LIMIT 1`, [id]);
    return rows.length > 0;
  }

  async update(id: string, changes: { name?: string; parentWorkspaceId?: string }): Promise<Workspace> {
    await this.tx.manager.query(
      `UPDATE workspaces SET name = COALESCE($2, name), parent_workspace_id = COALESCE($3, parent_workspace_id), updated_at = now()
       WHERE id = $1`,
      [id, changes.name ?? null, changes.parentWorkspaceId ?? null],
    );
    return (await this.findById(id))!;
  }

  async delete(id: string): Promise<boolean> {
    // A savepoint keeps the transaction usable when the RESTRICT foreign key refuses.
    const manager = this.tx.manager;
    await manager.query(`SAVEPOINT workspace_delete`);
    try {
      await manager.query(`DELETE FROM workspaces WHERE id = $1`, [id]);
      await manager.query(`RELEASE SAVEPOINT workspace_delete`);
      return true;
    } catch (error) {
      await manager.query(`ROLLBACK TO SAVEPOINT workspace_delete`);
      if (isForeignKeyViolation(error)) return false;
      throw error;
    }
  }

  async deleteTreeOf(tenantId: string): Promise<string[]> {
    // The parent link is RESTRICT: delete one depth at a time, deepest first.
    const rows: Array<{ id: string; depth: number }> = await this.tx.manager.query(
      `WITH RECURSIVE down(id, depth) AS (
         SELECT id, 0 FROM workspaces WHERE tenant_id = $1 AND parent_workspace_id IS NULL
         UNION ALL
         SELECT w.id, down.depth + 1 FROM workspaces w JOIN down ON w.parent_workspace_id = down.id
       ) SELECT id, depth FROM down`,
      [tenantId],
    );
    const deepest = rows.reduce((max, r) => Math.max(max, r.depth), -1);
    for (let depth = deepest; depth >= 0; depth--) {
      const ids = rows.filter((r) => r.depth === depth).map((r) => r.id);
      await this.tx.manager.query(`DELETE FROM workspaces WHERE id = ANY($1::uuid[])`, [ids]);
    }
    return rows.map((r) => r.id);
  }

  async lockTree(tenantId: string): Promise<void> {
    await this.tx.manager.query(`SELECT pg_advisory_xact_lock(hashtext('gatehouse.workspace-tree'), hashtext($1))`, [tenantId]);
  }

  async findMember(workspaceId: string, member: MemberRef): Promise<WorkspaceMember | undefined> {
    const rows = await this.tx.manager.query(
      `SELECT ${MEMBER_COLUMNS} FROM workspace_members m WHERE m.workspace_id = $1 AND m.${memberColumn(member)} = $2`,
      [workspaceId, member.id],
    );
    return rows.length ? toWorkspaceMember(rows[0]) : undefined;
  }

  async upsertMember(tenantId: string, workspaceId: string, member: MemberRef, role: Role): Promise<void> {
    const column = memberColumn(member);
    await this.tx.manager.query(
      `INSERT INTO workspace_members (tenant_id, workspace_id, ${column}, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (workspace_id, ${column}) WHERE ${column} IS NOT NULL DO UPDATE SET role = EXCLUDED.role`,
      [tenantId, workspaceId, member.id, role],
    );
  }

  async removeMember(workspaceId: string, member: MemberRef): Promise<void> {
    await this.tx.manager.query(`DELETE FROM workspace_members WHERE workspace_id = $1 AND ${memberColumn(member)} = $2`, [
      workspaceId,
      member.id,
    ]);
  }

  async listMembers(workspaceId: string): Promise<WorkspaceMember[]> {
    const rows = await this.tx.manager.query(
      `SELECT ${MEMBER_COLUMNS} FROM workspace_members m WHERE m.workspace_id = $1 ORDER BY m.created_at, m.id`,
      [workspaceId],
    );
    return rows.map(toWorkspaceMember);
  }

  async listAllMembers(tenantId: string): Promise<WorkspaceMember[]> {
    const rows = await this.tx.manager.query(`SELECT ${MEMBER_COLUMNS} FROM workspace_members m WHERE m.tenant_id = $1`, [tenantId]);
    return rows.map(toWorkspaceMember);
  }

  async listMembershipsOfTeam(teamId: string): Promise<WorkspaceMember[]> {
    const rows = await this.tx.manager.query(`SELECT ${MEMBER_COLUMNS} FROM workspace_members m WHERE m.team_id = $1`, [teamId]);
    return rows.map(toWorkspaceMember);
  }
}
