import type { Role, Team, TeamMember } from '../../domain/iam';
import type { Page, PageRequest } from './page';

/** Teams of the current tenant, their members and their products. */
export abstract class TeamRepository {
  /** Returns undefined when the name is taken in the tenant. `createdAt` starts the trial. */
  abstract insert(team: { tenantId: string; name: string; createdAt: Date }): Promise<Team | undefined>;
  abstract findById(id: string): Promise<Team | undefined>;
  abstract list(tenantId: string, page: PageRequest, ids?: string[]): Promise<Page<Team>>;
  abstract listAll(tenantId: string): Promise<Team[]>;
  /** Returns false when the name is taken. */
  abstract rename(id: string, name: string): Promise<boolean>;
  abstract delete(id: string): Promise<void>;

  abstract findMember(teamId: string, userId: string): Promise<TeamMember | undefined>;
  abstract upsertMember(tenantId: string, teamId: string, userId: string, role: Role): Promise<void>;
  abstract removeMember(teamId: string, userId: string): Promise<void>;
  abstract listMembers(teamId: string): Promise<TeamMember[]>;
  abstract listAllMembers(tenantId: string): Promise<TeamMember[]>;

  abstract attachProduct(tenantId: string, teamId: string, productId: string): Promise<void>;
  /** Returns false when the product was not active on the team. */
  abstract detachProduct(teamId: string, productId: string, at: Date): Promise<boolean>;
}
