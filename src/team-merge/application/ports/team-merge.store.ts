import type { MergeTeam, Membership, TeamKey, TeamRole } from '../../domain/merge-plan';

/**
 * The rows a team merge reads and changes (teams, memberships, keys), inside the caller's unit of
 * work. Each change is one set-based statement, named for its step.
 */
export abstract class TeamMergeStore {
  /** Locks both teams in a fixed order, without waiting: a held lock is a merge (or change) in progress. */
  abstract lockTeams(teamIds: string[]): Promise<void>;
  abstract findTeams(teamIds: string[]): Promise<MergeTeam[]>;
  abstract activeProductIds(teamId: string): Promise<string[]>;
  abstract members(teamId: string): Promise<Membership[]>;
  abstract keys(teamId: string): Promise<TeamKey[]>;
  abstract liveKeyNames(teamId: string): Promise<string[]>;
  /** The team's workspace grants, which go with the team. */
  abstract workspaceGrants(teamId: string): Promise<Array<{ workspaceId: string; role: TeamRole }>>;

  abstract revokeKeys(keyIds: string[], at: Date): Promise<void>;
  abstract renameKeys(renames: Array<{ keyId: string; name: string }>, at: Date): Promise<void>;
  /** Every key of `fromTeamId`, live or not, moves with its owner, settings and subscriptions. */
  abstract moveKeys(fromTeamId: string, toTeamId: string, at: Date): Promise<void>;
  /** Inserts the source's memberships into the target; a user in both keeps the higher role. */
  abstract moveMembers(fromTeamId: string, toTeamId: string, at: Date): Promise<void>;
  abstract deleteTeam(teamId: string): Promise<void>;
}
