import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';
import { PageQuery } from '../../../../platform';

/** Integration changes are read from the platform's audit log; pages are `AuditLogPageDto`. */
export class IntegrationAuditQuery extends PageQuery {
  @ApiPropertyOptional({ example: 'openai', description: 'Only changes of this integration type' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  type?: string;
}
