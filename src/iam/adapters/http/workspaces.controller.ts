import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, CurrentPrincipal, IdPipe, Principal, ValidBody, ValidQuery } from '../../../platform';
import type { MemberRef } from '../../domain/iam';
import { InvalidMember } from '../../domain/iam-errors';
import { CreateWorkspaceUseCase } from '../../application/workspaces/create-workspace.use-case';
import { DeleteWorkspaceUseCase } from '../../application/workspaces/delete-workspace.use-case';
import { UpdateWorkspaceUseCase } from '../../application/workspaces/update-workspace.use-case';
import { WorkspaceMembersUseCase } from '../../application/workspaces/workspace-members.use-case';
import { GetWorkspaceUseCase, ListWorkspacesUseCase } from '../../application/workspaces/workspace-queries.use-case';
import { ApiErrors } from './api-docs';
import {
  CreateWorkspaceBody,
  PutWorkspaceMemberBody,
  UpdateWorkspaceBody,
  WorkspaceDto,
  WorkspaceListQuery,
  WorkspaceMemberDto,
  WorkspaceMemberListDto,
  WorkspaceNodeDto,
  WorkspacePageDto,
} from './dto/workspace.dto';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT } = HttpStatus;

@ApiTags('workspaces')
@ApiForPeople()
@Controller('v1/tenants/:tenant_id/workspaces')
export class WorkspacesController {
  constructor(
    private readonly createWorkspace: CreateWorkspaceUseCase,
    private readonly listWorkspaces: ListWorkspacesUseCase,
    private readonly getWorkspace: GetWorkspaceUseCase,
    private readonly updateWorkspace: UpdateWorkspaceUseCase,
    private readonly deleteWorkspace: DeleteWorkspaceUseCase,
    private readonly members: WorkspaceMembersUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Creates a workspace under a parent the caller manages (default: the root)' })
  @ApiCreatedResponse({ type: WorkspaceDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async create(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @ValidBody() body: CreateWorkspaceBody,
  ): Promise<WorkspaceDto> {
    return WorkspaceDto.from(await this.createWorkspace.execute(principal, tenantId, { name: body.name, parentWorkspaceId: body.parent_workspace_id }));
  }

  @Get()
  @ApiOperation({ summary: 'Lists the workspaces the caller may view: paginated, or ?view=tree for the whole forest' })
  @ApiOkResponse({ type: WorkspacePageDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, NOT_FOUND)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @ValidQuery() query: WorkspaceListQuery,
  ): Promise<WorkspacePageDto> {
    if (query.view === 'tree') {
      const forest = await this.listWorkspaces.tree(principal, tenantId);
      return { items: forest.map((node) => WorkspaceNodeDto.fromNode(node)), next_cursor: null };
    }
    const page = await this.listWorkspaces.flat(principal, tenantId, query.limit, query.cursor);
    return { items: page.items.map(WorkspaceDto.from), next_cursor: page.nextCursor };
  }

  @Get(':workspace_id')
  @ApiOperation({ summary: 'One workspace' })
  @ApiOkResponse({ type: WorkspaceDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, NOT_FOUND)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('workspace_id', IdPipe) workspaceId: string,
  ): Promise<WorkspaceDto> {
    return WorkspaceDto.from(await this.getWorkspace.execute(principal, tenantId, workspaceId));
  }

  @Patch(':workspace_id')
  @ApiOperation({ summary: 'Renames and/or moves a workspace' })
  @ApiOkResponse({ type: WorkspaceDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('workspace_id', IdPipe) workspaceId: string,
    @ValidBody() body: UpdateWorkspaceBody,
  ): Promise<WorkspaceDto> {
    const changes = { name: body.name, parentWorkspaceId: body.parent_workspace_id };
    return WorkspaceDto.from(await this.updateWorkspace.execute(principal, tenantId, workspaceId, changes));
  }

  @Delete(':workspace_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Deletes a workspace without children (never the root)' })
  @ApiNoContentResponse({ description: 'Deleted' })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async delete(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('workspace_id', IdPipe) workspaceId: string,
  ): Promise<void> {
    await this.deleteWorkspace.execute(principal, tenantId, workspaceId);
  }

  @Get(':workspace_id/members')
  @ApiOperation({ summary: 'The workspace\'s members (users and teams) with their roles' })
  @ApiOkResponse({ type: WorkspaceMemberListDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, NOT_FOUND)
  async listMembers(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('workspace_id', IdPipe) workspaceId: string,
  ): Promise<WorkspaceMemberListDto> {
    return { items: (await this.getWorkspace.members(principal, tenantId, workspaceId)).map(WorkspaceMemberDto.from) };
  }

  @Post(':workspace_id/members')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Grants a user or a team a role on the workspace (or changes its role)' })
  @ApiNoContentResponse({ description: 'Granted' })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async putMember(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('workspace_id', IdPipe) workspaceId: string,
    @ValidBody() body: PutWorkspaceMemberBody,
  ): Promise<void> {
    await this.members.put(principal, tenantId, workspaceId, memberOf(body), body.role);
  }

  @Delete(':workspace_id/members/users/:user_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Takes a user\'s direct role on the workspace away' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async removeUser(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('workspace_id', IdPipe) workspaceId: string,
    @Param('user_id', IdPipe) userId: string,
  ): Promise<void> {
    await this.members.remove(principal, tenantId, workspaceId, { kind: 'user', id: userId });
  }

  @Delete(':workspace_id/members/teams/:team_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Takes a team\'s role on the workspace away' })
  @ApiNoContentResponse({ description: 'Removed' })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async removeTeam(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('workspace_id', IdPipe) workspaceId: string,
    @Param('team_id', IdPipe) teamId: string,
  ): Promise<void> {
    await this.members.remove(principal, tenantId, workspaceId, { kind: 'team', id: teamId });
  }
}

function memberOf(body: PutWorkspaceMemberBody): MemberRef {
  if (body.user_id && !body.team_id) return { kind: 'user', id: body.user_id.toLowerCase() };
  if (body.team_id && !body.user_id) return { kind: 'team', id: body.team_id.toLowerCase() };
  throw new InvalidMember('Give exactly one of user_id and team_id');
}
