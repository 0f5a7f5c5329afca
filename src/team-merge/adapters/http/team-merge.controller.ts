import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiForPeople, CurrentPrincipal, IdPipe, Principal, ValidBody } from '../../../platform';
import { MergeTeamsUseCase } from '../../application/merge-teams.use-case';
import { MergeTeamsBody, MergeTeamsResultDto } from './dto/merge-teams.dto';

@ApiTags('teams')
@ApiForPeople()
@Controller('v1/tenants/:tenant_id/teams')
export class TeamMergeController {
  constructor(private readonly mergeTeams: MergeTeamsUseCase) {}

  @Post(':target_team_id/merge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Merges a team into this one: users, keys, then deletes it (system administrators); dry_run returns the plan only' })
  @ApiOkResponse({ type: MergeTeamsResultDto })
  @ApiErrorResponses({
    [HttpStatus.BAD_REQUEST]: 'Same team, teams of different tenants, invalid body',
    [HttpStatus.UNAUTHORIZED]: 'No valid credential',
    [HttpStatus.FORBIDDEN]: 'Not a system administrator',
    [HttpStatus.NOT_FOUND]: 'TEAM_NOT_FOUND',
    [HttpStatus.CONFLICT]: 'TEAM_HAS_ACTIVE_PRODUCT, TEAM_MERGE_CONFLICT, TEAM_MERGE_IN_PROGRESS',
  })
  async merge(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('target_team_id', IdPipe) targetTeamId: string,
    @ValidBody() body: MergeTeamsBody,
  ): Promise<MergeTeamsResultDto> {
    const result = await this.mergeTeams.merge(principal, {
      tenantId,
      targetTeamId,
      sourceTeamId: body.source_team_id.toLowerCase(),
      strategy: body.conflict_strategy,
      renameSuffix: body.rename_suffix,
      dryRun: body.dry_run ?? false,
    });
    return MergeTeamsResultDto.from(result);
  }
}
