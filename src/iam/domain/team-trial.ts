import type { Team } from './iam';

const DAY_MS = 24 * 60 * 60 * 1000;

/** A team without an active product may use the platform for `trialDays` after it was created. */
export function isTeamExpired(team: Pick<Team, 'createdAt' | 'activeProductIds'>, now: Date, trialDays: number): boolean {
  if (team.activeProductIds.length > 0) return false;
  return now.getTime() - team.createdAt.getTime() > trialDays * DAY_MS;
}
