import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsEmail, IsIn, IsNotEmpty, IsOptional, IsString, MaxLength, ValidateNested } from 'class-validator';
import { Plan, PLANS, Tenant } from '../../../domain/iam';
import { UserDto } from './user.dto';

export class TenantDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ example: 'acme' }) name!: string;
  @ApiProperty({ enum: PLANS }) plan!: Plan;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) root_workspace_id!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true }) api_key_policy!: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true }) settings!: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ format: 'date-time' }) updated_at!: string;

  static from(tenant: Tenant): TenantDto {
    return {
      id: tenant.id,
      name: tenant.name,
      plan: tenant.plan,
      root_workspace_id: tenant.rootWorkspaceId,
      api_key_policy: tenant.apiKeyPolicy,
      settings: tenant.settings,
      created_at: tenant.createdAt.toISOString(),
      updated_at: tenant.updatedAt.toISOString(),
    };
  }
}

export class CreatedTenantDto extends TenantDto {
  @ApiPropertyOptional({ type: UserDto, description: 'The first tenant admin, when one was given' })
  admin?: UserDto;
}

export class TenantPageDto {
  @ApiProperty({ type: [TenantDto] }) items!: TenantDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}

export class TenantAdminBody {
  @ApiProperty({ example: 'owner@acme.example' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ writeOnly: true })
  @IsString()
  @MaxLength(1024)
  password!: string;
}

export class CreateTenantBody {
  @ApiProperty({ example: 'acme', maxLength: 200 })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ enum: PLANS, default: 'free' })
  @IsOptional()
  @IsIn(PLANS)
  plan?: Plan;

  @ApiPropertyOptional({ type: TenantAdminBody, description: 'Creates the tenant\'s first admin in the same transaction' })
  @IsOptional()
  @ValidateNested()
  @Type(() => TenantAdminBody)
  admin?: TenantAdminBody;
}

export class UpdateTenantBody {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ enum: PLANS })
  @IsOptional()
  @IsIn(PLANS)
  plan?: Plan;
}
