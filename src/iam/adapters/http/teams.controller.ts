import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, CurrentPrincipal, IdPipe, PageQuery, Principal, ValidBody, ValidQuery } from '../../../platform';
import { TeamCommandsUseCase } from '../../application/teams/team-commands.use-case';
import { TeamMembersUseCase } from '../../application/teams/team-members.use-case';
import { TeamProductsUseCase } from '../../application/teams/team-products.use-case';
import { TeamQueriesUseCase } from '../../application/teams/team-queries.use-case';
import { ApiErrors } from './api-docs';
import { AttachProductBody, PutTeamMemberBody, TeamDto, TeamMemberDto, TeamMemberListDto, TeamNameBody, TeamPageDto } from './dto/team.dto';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT } = HttpStatus;

@ApiTags('teams')
@ApiForPeople()
@Controller('v1/tenants/:tenant_id/teams')
export class TeamsController {
  constructor(
    private readonly commands: TeamCommandsUseCase,
    private readonly queries: TeamQueriesUseCase,
    private readonly members: TeamMembersUseCase,
    private readonly products: TeamProductsUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Creates a team (tenant admins)' })
  @ApiCreatedResponse({ type: TeamDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async create(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string, @ValidBody() body: TeamNameBody): Promise<TeamDto> {
    return TeamDto.from(await this.commands.create(principal, tenantId, body.name));
  }

  @Get()
  @ApiOperation({ summary: 'Lists the teams the caller may view' })
  @ApiOkResponse({ type: TeamPageDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, NOT_FOUND)
  async list(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string, @ValidQuery() query: PageQuery): Promise<TeamPageDto> {
    const page = await this.queries.list(principal, tenantId, query.limit, query.cursor);
    return { items: page.items.map(TeamDto.from), next_cursor: page.nextCursor };
  }

  @Get(':team_id')
  @ApiOperation({ summary: 'One team, with whether its trial has expired' })
  @ApiOkResponse({ type: TeamDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string, @Param('team_id', IdPipe) teamId: string): Promise<TeamDto> {
    return TeamDto.from(await this.queries.get(principal, tenantId, teamId));
  }

  @Patch(':team_id')
  @ApiOperation({ summary: 'Renames a team' })
  @ApiOkResponse({ type: TeamDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async rename(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('team_id', IdPipe) teamId: string,
    @ValidBody() body: TeamNameBody,
  ): Promise<TeamDto> {
    return TeamDto.from(await this.commands.rename(principal, tenantId, teamId, body.name));
  }

  @Delete(':team_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Deletes a team with its memberships and workspace grants' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async delete(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string, @Param('team_id', IdPipe) teamId: string): Promise<void> {
    await this.commands.delete(principal, tenantId, teamId);
  }

  @Get(':team_id/members')
  @ApiOperation({ summary: 'The team\'s members with their roles' })
  @ApiOkResponse({ type: TeamMemberListDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, NOT_FOUND)
  async listMembers(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('team_id', IdPipe) teamId: string,
  ): Promise<TeamMemberListDto> {
    return { items: (await this.queries.members(principal, tenantId, teamId)).map(TeamMemberDto.from) };
  }

  @Post(':team_id/members')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Adds a user of the tenant to the team (or changes its role)' })
  @ApiNoContentResponse({ description: 'Added' })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async putMember(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('team_id', IdPipe) teamId: string,
    @ValidBody() body: PutTeamMemberBody,
  ): Promise<void> {
    await this.members.put(principal, tenantId, teamId, body.user_id.toLowerCase(), body.role);
  }

  @Delete(':team_id/members/:user_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Removes a user from the team' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async removeMember(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('team_id', IdPipe) teamId: string,
    @Param('user_id', IdPipe) userId: string,
  ): Promise<void> {
    await this.members.remove(principal, tenantId, teamId, userId);
  }

  @Post(':team_id/products')
  @ApiOperation({ summary: 'Attaches a catalogue product to the team (system administrators)' })
  @ApiCreatedResponse({ type: TeamDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async attachProduct(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('team_id', IdPipe) teamId: string,
    @ValidBody() body: AttachProductBody,
  ): Promise<TeamDto> {
    return TeamDto.from(await this.products.attach(principal, tenantId, teamId, body.product_id.toLowerCase()));
  }

  @Delete(':team_id/products/:product_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Detaches a product from the team (system administrators)' })
  @ApiNoContentResponse({ description: 'Detached' })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async detachProduct(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('team_id', IdPipe) teamId: string,
    @Param('product_id', IdPipe) productId: string,
  ): Promise<void> {
    await this.products.detach(principal, tenantId, teamId, productId);
  }
}
