import { Injectable, Logger } from '@nestjs/common';
import { AuthorizationPort, Relationship, TransactionRunner } from '../../../platform';
import { graph } from '../authorization-graph';
import { TeamRepository } from '../ports/team.repository';
import { TenantRepository } from '../ports/tenant.repository';
import { UserRepository } from '../ports/user.repository';
import { WorkspaceRepository } from '../ports/workspace.repository';

const BATCH = 500;

/**
 * Writes every relationship derived from the IAM tables to SpiceDB (TOUCH, so idempotent). With
 * the embedded in-memory store this rebuilds authorization after a restart, before serving.
 */
@Injectable()
export class ResyncAuthorizationUseCase {
  private readonly logger = new Logger('IamResync');

  constructor(
    private readonly tx: TransactionRunner,
    private readonly tenants: TenantRepository,
    private readonly users: UserRepository,
    private readonly workspaces: WorkspaceRepository,
    private readonly teams: TeamRepository,
    private readonly authorization: AuthorizationPort,
  ) {}

  async execute(): Promise<number> {
    const relationships = await this.tx.asSystem(() => this.derive());
    for (let i = 0; i < relationships.length; i += BATCH) {
      await this.authorization.writeRelationships(relationships.slice(i, i + BATCH));
    }
    this.logger.log({ relationships: relationships.length }, 'Authorization relationships resynchronized');
    return relationships.length;
  }

  private async derive(): Promise<Relationship[]> {
    const all: Relationship[] = [];
    for (const tenant of await this.tenants.listAll()) {
      all.push(...graph.tenant(tenant));
      for (const workspace of await this.workspaces.listAll(tenant.id)) all.push(...graph.workspace(workspace));
      for (const member of await this.workspaces.listAllMembers(tenant.id)) all.push(graph.workspaceMember(member));
      for (const team of await this.teams.listAll(tenant.id)) all.push(...graph.team(team));
      for (const member of await this.teams.listAllMembers(tenant.id)) all.push(graph.teamMember(member));
    }
    for (const user of await this.users.listAll()) all.push(...graph.user(user));
    return all;
  }
}
