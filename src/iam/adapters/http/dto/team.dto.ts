import { ApiProperty } from '@nestjs/swagger';
import { IsIn, IsNotEmpty, IsString, IsUUID, MaxLength } from 'class-validator';
import { Role, ROLES, TeamMember } from '../../../domain/iam';
import { TeamView } from '../../../application/teams/team-view';

export class TeamDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ type: [String], description: 'Ids of the products active on the team' }) active_product_ids!: string[];
  @ApiProperty({ description: 'No active product and older than the trial (GATEHOUSE_TEAM_TRIAL_DAYS)' }) expired!: boolean;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;

  static from(team: TeamView): TeamDto {
    return {
      id: team.id,
      tenant_id: team.tenantId,
      name: team.name,
      active_product_ids: team.activeProductIds,
      expired: team.expired,
      created_at: team.createdAt.toISOString(),
      updated_at: team.updatedAt.toISOString(),
    };
  }
}

export class TeamPageDto {
  @ApiProperty({ type: [TeamDto] }) items!: TeamDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}

export class TeamNameBody {
  @ApiProperty({ maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class TeamMemberDto {
  @ApiProperty({ format: 'uuid' }) team_id!: string;
  @ApiProperty({ format: 'uuid' }) user_id!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty({ format: 'date-time' }) created_at!: string;

  static from(member: TeamMember): TeamMemberDto {
    return { team_id: member.teamId, user_id: member.userId, role: member.role, created_at: member.createdAt.toISOString() };
  }
}

export class TeamMemberListDto {
  @ApiProperty({ type: [TeamMemberDto] }) items!: TeamMemberDto[];
}

export class PutTeamMemberBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  user_id!: string;

  @ApiProperty({ enum: ROLES })
  @IsIn(ROLES)
  role!: Role;
}

export class AttachProductBody {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  product_id!: string;
}
