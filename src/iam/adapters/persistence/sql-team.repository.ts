import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { Role, Team, TeamMember } from '../../domain/iam';
import type { Page, PageRequest } from '../../application/ports/page';
import { TeamRepository } from '../../application/ports/team.repository';
import { isUniqueViolation, pageClause, positionColumn, TEAM_COLUMNS, toPage, toTeam, toTeamMember } from './rows';

const MEMBER_COLUMNS = `m.team_id, m.user_id, m.role, m.created_at`;

@Injectable()
export class SqlTeamRepository extends TeamRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async insert(team: { tenantId: string; name: string; createdAt: Date }): Promise<Team | undefined> {
    const rows = await this.tx.manager.query(
      `INSERT INTO teams (tenant_id, name, created_at, updated_at) VALUES ($1, $2, $3, $3)
       ON CONFLICT (tenant_id, lower(name)) DO NOTHING RETURNING id`,
      [team.tenantId, team.name, team.createdAt],
    );
    return rows.length ? this.findById(rows[0].id) : undefined;
  }

  async findById(id: string): Promise<Team | undefined> {
    const rows = await this.tx.manager.query(`SELECT ${TEAM_COLUMNS} FROM teams x WHERE x.id = $1`, [id]);
    return rows.length ? toTeam(rows[0]) : undefined;
  }

  async list(tenantId: string, page: PageRequest, ids?: string[]): Promise<Page<Team>> {
    const params: unknown[] = [tenantId, ids ?? null];
    const clause = pageClause('x', page, params);
    const rows = await this.tx.manager.query(
      `SELECT ${TEAM_COLUMNS}, ${positionColumn('x')} FROM teams x
       WHERE x.tenant_id = $1 AND ($2::uuid[] IS NULL OR x.id = ANY($2::uuid[])) ${clause}`,
      params,
    );
    return toPage(rows, page, toTeam);
  }

  async listAll(tenantId: string): Promise<Team[]> {
    const rows = await this.tx.manager.query(`SELECT ${TEAM_COLUMNS} FROM teams x WHERE x.tenant_id = $1`, [tenantId]);
    return rows.map(toTeam);
  }

  async rename(id: string, name: string): Promise<boolean> {
    const manager = this.tx.manager;
    await manager.query(`SAVEPOINT team_rename`);
    try {
      await manager.query(`UPDATE teams SET name = $2, updated_at = now() WHERE id = $1`, [id, name]);
      await manager.query(`RELEASE SAVEPOINT team_rename`);
      return true;
    } catch (error) {
      await manager.query(`ROLLBACK TO SAVEPOINT team_rename`);
      if (isUniqueViolation(error, 'teams_tenant_name_key')) return false;
      throw error;
    }
  }

  async delete(id: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM teams WHERE id = $1`, [id]);
  }

  async findMember(teamId: string, userId: string): Promise<TeamMember | undefined> {
    const rows = await this.tx.manager.query(`SELECT ${MEMBER_COLUMNS} FROM team_members m WHERE m.team_id = $1 AND m.user_id = $2`, [
      teamId,
      userId,
    ]);
    return rows.length ? toTeamMember(rows[0]) : undefined;
  }

  async upsertMember(tenantId: string, teamId: string, userId: string, role: Role): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO team_members (tenant_id, team_id, user_id, role) VALUES ($1, $2, $3, $4)
       ON CONFLICT (team_id, user_id) DO UPDATE SET role = EXCLUDED.role`,
      [tenantId, teamId, userId, role],
    );
  }

  async removeMember(teamId: string, userId: string): Promise<void> {
    await this.tx.manager.query(`DELETE FROM team_members WHERE team_id = $1 AND user_id = $2`, [teamId, userId]);
  }

  async listMembers(teamId: string): Promise<TeamMember[]> {
    const rows = await this.tx.manager.query(
      `SELECT ${MEMBER_COLUMNS} FROM team_members m WHERE m.team_id = $1 ORDER BY m.created_at, m.user_id`,
      [teamId],
    );
    return rows.map(toTeamMember);
  }

  async listAllMembers(tenantId: string): Promise<TeamMember[]> {
    const rows = await this.tx.manager.query(`SELECT ${MEMBER_COLUMNS} FROM team_members m WHERE m.tenant_id = $1`, [tenantId]);
    return rows.map(toTeamMember);
  }

  async attachProduct(tenantId: string, teamId: string, productId: string): Promise<void> {
    await this.tx.manager.query(
      `INSERT INTO team_products (tenant_id, team_id, product_id) VALUES ($1, $2, $3)
       ON CONFLICT (team_id, product_id) DO UPDATE SET active = true, detached_at = NULL,
         attached_at = CASE WHEN team_products.active THEN team_products.attached_at ELSE now() END`,
      [tenantId, teamId, productId],
    );
  }

  async detachProduct(teamId: string, productId: string, at: Date): Promise<boolean> {
    const result = await this.tx.manager.query(
      `UPDATE team_products SET active = false, detached_at = $3 WHERE team_id = $1 AND product_id = $2 AND active`,
      [teamId, productId, at],
    );
    return (result[1] as number) > 0;
  }
}
