import { Controller, HttpCode, HttpStatus, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ErrorBody, IdPipe, Principal, ValidBody } from '../../../platform';
import { MergeTeamsUseCase } from '../../application/merge-teams.use-case';
import { MergeTeamsBody, MergeTeamsResultDto } from './dto/merge-teams.dto';

@ApiTags('teams')
@ApiCookieAuth('session')
@ApiBearerAuth('bearer')
@Controller('v1/tenants/:tenant_id/teams')
export class TeamMergeController {
  constructor(private readonly mergeTeams: MergeTeamsUseCase) {}

  @Post(':target_team_id/merge')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Merges a team into this one: users, keys, then deletes it (system administrators); dry_run returns the plan only' })
  @ApiOkResponse({ type: MergeTeamsResultDto })
  @ApiResponse({ status: 400, type: ErrorBody, description: 'Same team, teams of different tenants, invalid body' })
  @ApiResponse({ status: 401, type: ErrorBody, description: 'No valid credential' })
  @ApiResponse({ status: 403, type: ErrorBody, description: 'Not a system administrator' })
  @ApiResponse({ status: 404, type: ErrorBody, description: 'TEAM_NOT_FOUND' })
  @ApiResponse({ status: 409, type: ErrorBody, description: 'TEAM_HAS_ACTIVE_PRODUCT, TEAM_MERGE_CONFLICT, TEAM_MERGE_IN_PROGRESS' })
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
