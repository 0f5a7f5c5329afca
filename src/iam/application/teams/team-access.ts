import { Injectable } from '@nestjs/common';
import { AppConfig, Clock, Principal } from '../../../platform';
import type { Team } from '../../domain/iam';
import { TeamNotFound } from '../../domain/iam-errors';
import { isTeamExpired } from '../../domain/team-trial';
import { AccessPolicy } from '../access-policy';
import { teamRef } from '../authorization-graph';
import { TeamRepository } from '../ports/team.repository';
import { TeamView } from './team-view';

/** Loads a team the caller may see (404 otherwise) or manage (403 otherwise). */
@Injectable()
export class TeamAccess {
  constructor(
    private readonly access: AccessPolicy,
    private readonly teams: TeamRepository,
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {}

  async visible(principal: Principal, teamId: string): Promise<Team> {
    const team = await this.teams.findById(teamId);
    if (!team || !(await this.access.can(principal, 'view', teamRef(teamId)))) throw new TeamNotFound();
    return team;
  }

  async manageable(principal: Principal, teamId: string): Promise<Team> {
    const team = await this.visible(principal, teamId);
    await this.access.require(principal, 'manage', teamRef(teamId));
    return team;
  }

  view(team: Team): TeamView {
    return { ...team, expired: isTeamExpired(team, this.clock.now(), this.config.iam.teamTrialDays) };
  }
}
