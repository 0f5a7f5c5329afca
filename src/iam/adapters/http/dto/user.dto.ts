import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsEmail, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { Role, ROLES, User } from '../../../domain/iam';

export class UserDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ example: 'ada@example.com' }) email!: string;
  @ApiProperty({ enum: ROLES }) role!: Role;
  @ApiProperty() is_system_admin!: boolean;
  @ApiProperty() disabled!: boolean;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) disabled_at!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;

  static from(user: User): UserDto {
    return {
      id: user.id,
      tenant_id: user.tenantId,
      email: user.email,
      role: user.role,
      is_system_admin: user.isSystemAdmin,
      disabled: user.disabledAt !== null,
      disabled_at: user.disabledAt?.toISOString() ?? null,
      created_at: user.createdAt.toISOString(),
    };
  }
}

export class UserPageDto {
  @ApiProperty({ type: [UserDto] }) items!: UserDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;
}

export class CreateUserBody {
  @ApiProperty({ example: 'ada@example.com' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ description: 'Initial password (GATEHOUSE_PASSWORD_MIN_LENGTH or longer)', writeOnly: true })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ enum: ROLES, default: 'member' })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;
}

export class UpdateUserBody {
  @ApiPropertyOptional({ enum: ROLES })
  @IsOptional()
  @IsIn(ROLES)
  role?: Role;

  @ApiPropertyOptional({ description: 'true disables the user and ends its sessions; false enables it again' })
  @IsOptional()
  @IsBoolean()
  disabled?: boolean;
}
