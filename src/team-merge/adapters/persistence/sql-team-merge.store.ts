import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { MergeTeam, Membership, TeamKey, TeamRole } from '../../domain/merge-plan';
import { TeamMergeInProgress } from '../../domain/team-merge-errors';
import { TeamMergeStore } from '../../application/ports/team-merge.store';

const LOCK_NOT_AVAILABLE = '55P03';

/**
 * SQL on IAM's and API keys' tables, in the merge's unit of work: the merge must commit or roll
 * back as one transaction, so it writes these rows itself instead of through each module's use cases.
 */
@Injectable()
export class SqlTeamMergeStore extends TeamMergeStore {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async lockTeams(teamIds: string[]): Promise<void> {
    try {
      await this.q(`SELECT id FROM teams WHERE id = ANY($1::uuid[]) ORDER BY id FOR UPDATE NOWAIT`, [teamIds]);
    } catch (error) {
      if ((error as { code?: string }).code === LOCK_NOT_AVAILABLE) throw new TeamMergeInProgress();
      throw error;
    }
  }

  async findTeams(teamIds: string[]): Promise<MergeTeam[]> {
    const rows = await this.q<{ id: string; tenant_id: string; name: string }>(`SELECT id, tenant_id, name FROM teams WHERE id = ANY($1::uuid[])`, [teamIds]);
    return rows.map((r) => ({ id: r.id, tenantId: r.tenant_id, name: r.name }));
  }

  async activeProductIds(teamId: string): Promise<string[]> {
    const rows = await this.q<{ product_id: string }>(`SELECT product_id FROM team_products WHERE team_id = $1 AND active ORDER BY product_id`, [teamId]);
    return rows.map((r) => r.product_id);
  }

  async members(teamId: string): Promise<Membership[]> {
    const rows = await this.q<{ user_id: string; role: TeamRole }>(`SELECT user_id, role FROM team_members WHERE team_id = $1 ORDER BY user_id`, [teamId]);
    return rows.map((r) => ({ userId: r.user_id, role: r.role }));
  }

  async keys(teamId: string): Promise<TeamKey[]> {
    const rows = await this.q<{ id: string; name: string; live: boolean }>(
      `SELECT id, name, revoked_at IS NULL AS live FROM api_keys WHERE team_id = $1 ORDER BY created_at, id`,
      [teamId],
    );
    return rows.map((r) => ({ id: r.id, name: r.name, live: r.live }));
  }

  async liveKeyNames(teamId: string): Promise<string[]> {
    const rows = await this.q<{ name: string }>(`SELECT name FROM api_keys WHERE team_id = $1 AND revoked_at IS NULL`, [teamId]);
    return rows.map((r) => r.name);
  }

  async workspaceGrants(teamId: string): Promise<Array<{ workspaceId: string; role: TeamRole }>> {
    const rows = await this.q<{ workspace_id: string; role: TeamRole }>(`SELECT workspace_id, role FROM workspace_members WHERE team_id = $1`, [teamId]);
    return rows.map((r) => ({ workspaceId: r.workspace_id, role: r.role }));
  }

  async revokeKeys(keyIds: string[], at: Date): Promise<void> {
    if (keyIds.length === 0) return;
    await this.q(
      `UPDATE api_keys SET revoked_at = $2, revocation_reason = 'team_merge', updated_at = $2 WHERE id = ANY($1::uuid[]) AND revoked_at IS NULL`,
      [keyIds, at],
    );
  }

  async renameKeys(renames: Array<{ keyId: string; name: string }>, at: Date): Promise<void> {
    if (renames.length === 0) return;
    await this.q(
      `UPDATE api_keys k SET name = v.name, updated_at = $3 FROM unnest($1::uuid[], $2::text[]) AS v(id, name) WHERE k.id = v.id`,
      [renames.map((r) => r.keyId), renames.map((r) => r.name), at],
    );
  }

  async moveKeys(fromTeamId: string, toTeamId: string, at: Date): Promise<void> {
    await this.q(`UPDATE api_keys SET team_id = $2, updated_at = $3 WHERE team_id = $1`, [fromTeamId, toTeamId, at]);
  }

  async moveMembers(fromTeamId: string, toTeamId: string, at: Date): Promise<void> {
    await this.q(
      `INSERT INTO team_members (tenant_id, team_id, user_id, role, created_at)
       SELECT tenant_id, $2, user_id, role, $3 FROM team_members WHERE team_id = $1
       ON CONFLICT (team_id, user_id) DO UPDATE
         SET role = CASE WHEN team_members.role = 'admin' OR excluded.role = 'admin' THEN 'admin' ELSE 'member' END`,
      [fromTeamId, toTeamId, at],
    );
  }

  async deleteTeam(teamId: string): Promise<void> {
    await this.q(`DELETE FROM teams WHERE id = $1`, [teamId]);
  }

  private q<T = unknown>(sql: string, params: unknown[]): Promise<T[]> {
    return this.tx.manager.query(sql, params) as Promise<T[]>;
  }
}
