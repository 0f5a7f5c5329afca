import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEmail, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { UserDto } from './user.dto';

export class LoginBody {
  @ApiProperty({ example: 'admin@gatehouse.local' })
  @IsEmail()
  @MaxLength(320)
  email!: string;

  @ApiProperty({ writeOnly: true })
  @IsString()
  @MaxLength(1024)
  password!: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'Only needed when the email exists in more than one tenant' })
  @IsOptional()
  @IsUUID()
  tenant_id?: string;
}

export class LoginResponse {
  @ApiProperty({ description: 'The session token; also set as the gatehouse_session cookie' })
  access_token!: string;

  @ApiProperty({ example: 'Bearer' })
  token_type!: 'Bearer';

  @ApiProperty({ format: 'date-time' })
  expires_at!: string;

  @ApiProperty({ type: UserDto })
  user!: UserDto;
}
