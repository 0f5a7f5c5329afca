import type { Team } from '../../domain/iam';

/** A team as callers see it: with whether its trial is over. */
export interface TeamView extends Team {
  expired: boolean;
}
