import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import { PageQuery } from '../../../../platform';
import { API_KEY_STATES, type ApiKeyState } from '../../../domain/api-key';

export class ApiKeyListQueryDto extends PageQuery {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  team_id?: string;

  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  owner_id?: string;

  @ApiPropertyOptional({ enum: API_KEY_STATES })
  @IsOptional()
  @IsIn(API_KEY_STATES)
  state?: ApiKeyState;

  @ApiPropertyOptional({ minimum: 0, maximum: 3650 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(0)
  @Max(3650)
  expiring_within_days?: number;
}

export class AdminApiKeyListQueryDto extends ApiKeyListQueryDto {
  @ApiPropertyOptional({ format: 'uuid' })
  @IsOptional()
  @IsUUID()
  tenant_id?: string;
}
