import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import type { AuditPage, AuditRecord } from '../../../../platform';

export class IntegrationAuditQuery {
  @ApiPropertyOptional({ example: 'openai', description: 'Only changes of this integration type' })
  @IsOptional()
  @IsString()
  @MaxLength(64)
  type?: string;

  @ApiPropertyOptional({ minimum: 1, maximum: 100, default: 50 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(100)
  limit?: number;

  @ApiPropertyOptional({ description: 'next_cursor of the previous page' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  cursor?: string;
}

export class AuditActorDto {
  @ApiProperty({ enum: ['user', 'api_key', 'system'] }) type!: string;
  @ApiProperty({ type: String, nullable: true }) id!: string | null;
}

export class AuditRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ type: AuditActorDto }) actor!: AuditActorDto;
  @ApiProperty({ example: 'integration_settings.updated' }) action!: string;
  @ApiProperty({ example: 'integration_settings' }) resource_type!: string;
  @ApiProperty({ type: String, nullable: true, example: 'openai' }) resource_id!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: '{integration_type, changes: [{field, old, new}]}; never a secret' })
  details!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) client_address!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;

  static from(record: AuditRecord): AuditRecordDto {
    return {
      id: record.id,
      tenant_id: record.tenantId,
      actor: { type: record.actor.type, id: record.actor.id ?? null },
      action: record.action,
      resource_type: record.resourceType,
      resource_id: record.resourceId,
      details: record.details,
      client_address: record.clientAddress,
      created_at: record.createdAt.toISOString(),
    };
  }
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditRecordDto] }) items!: AuditRecordDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;

  static from(page: AuditPage): AuditPageDto {
    return { items: page.items.map(AuditRecordDto.from), next_cursor: page.nextCursor };
  }
}
