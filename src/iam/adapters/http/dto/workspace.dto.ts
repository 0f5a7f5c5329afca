import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { PageQuery } from '../../../../platform';
import { Role, ROLES, Workspace, WorkspaceMember } from '../../../domain/iam';
import { WorkspaceNode } from '../../../domain/workspace-tree';


export class WorkspaceDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) parent_workspace_id!: string | null;
  @ApiProperty() name!: string;
  @ApiProperty() is_root!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;

  static from(workspace: Workspace): WorkspaceDto {
    return {
      id: workspace.id,
      tenant_id: workspace.tenantId,
      parent_workspace_id: workspace.parentWorkspaceId,
      name: workspace.name,
      is_root: workspace.isRoot,
      created_at: workspace.createdAt.toISOString(),
      updated_at: workspace.updatedAt.toISOString(),
    };
  }
}

export class WorkspaceNodeDto extends WorkspaceDto {
  @ApiProperty({ type: () => [WorkspaceNodeDto] }) children!: WorkspaceNodeDto[];

  static fromNode(node: WorkspaceNode): WorkspaceNodeDto {
    return { ...WorkspaceDto.from(node), children: node.children.map((child) => WorkspaceNodeDto.fromNode(child)) };
  }
}

export class WorkspacePageDto {
  @ApiProperty({ type: [WorkspaceNodeDto], description: 'With ?view=tree: top-level nodes, each with children' })
  items!: Array<WorkspaceDto | WorkspaceNodeDto>;
  @ApiProperty({ type: String, nullable: true, description: 'Always null for ?view=tree' }) next_cursor!: string | null;
}

export class WorkspaceListQuery extends PageQuery {
  @ApiPropertyOptional({ enum: ['flat', 'tree'], default: 'flat' })
  @IsOptional()
  @IsIn(['flat', 'tree'])
  view?: 'flat' | 'tree';
}

export class CreateWorkspaceBody {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Default: the tenant\'s root workspace' })
  @IsOptional()
  @IsUUID()
  parent_workspace_id?: string;
}

export class UpdateWorkspaceBody {
  @ApiPropertyOptional({ maxLength: 200, description: 'Renames the workspace' })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Moves the workspace under this parent (never into its own subtree)' })
  @IsOptional()
  @IsUUID()
  parent_workspace_id?: string;
}

export class WorkspaceMemberDto {
  @ApiProperty({ format: 'uuid' }) workspace_id!: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) user_id!: string | null;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) team_id!: string | null;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ format: 'date-time' }) created_at!: string;

  static from(member: WorkspaceMember): WorkspaceMemberDto {
    return {
      workspace_id: member.workspaceId,
      user_id: member.member.kind === 'user' ? member.member.id : null,
      team_id: member.member.kind === 'team' ? member.member.id : null,
      role: member.role,
      created_at: member.createdAt.toISOString(),
    };
  }
}

export class WorkspaceMemberListDto {
  @ApiProperty({ type: [WorkspaceMemberDto] }) items!: WorkspaceMemberDto[];
}

export class PutWorkspaceMemberBody {
  @ApiPropertyOptional({ format: 'uuid', description: 'Exactly one of user_id and team_id' })
  @IsOptional()
  @IsUUID()
  user_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  team_id?: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
}
