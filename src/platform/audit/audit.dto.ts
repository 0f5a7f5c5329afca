import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { PageQuery } from '../http/page.query';
import type { AuditPage, AuditRecord } from './audit-log.port';

export class TenantAuditQueryDto extends PageQuery {
  @ApiPropertyOptional({ example: 'api_key', description: 'Only records about this kind of resource' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_]{0,63}$/)
  resource_type?: string;

  @ApiPropertyOptional({ description: 'Only records about this resource (e.g. an API key id)' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  resource_id?: string;

  @ApiPropertyOptional({ example: 'api_key.revoked' })
  @IsOptional()
  @Matches(/^[a-z][a-z0-9_.]{0,127}$/)
  action?: string;
}

export class AuditLogActorDto {
  @ApiProperty({ enum: ['user', 'api_key', 'system'] }) type!: string;
  @ApiProperty({ type: String, nullable: true, description: 'The user or API key id; null for the system' }) id!: string | null;
}

export class AuditLogRecordDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ type: AuditLogActorDto }) actor!: AuditLogActorDto;
  @ApiProperty({ example: 'api_key.suspended', description: '<resource_type>.<what happened>' }) action!: string;
  @ApiProperty({ example: 'api_key' }) resource_type!: string;
  @ApiProperty({ type: String, nullable: true }) resource_id!: string | null;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'What changed and why; never a secret' })
  details!: Record<string, unknown>;
  @ApiProperty({ type: String, nullable: true }) client_address!: string | null;
  @ApiProperty({ format: 'date-time' }) created_at!: string;

  static from(record: AuditRecord): AuditLogRecordDto {
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

export class AuditLogPageDto {
  @ApiProperty({ type: [AuditLogRecordDto] }) items!: AuditLogRecordDto[];
  @ApiProperty({ type: String, nullable: true }) next_cursor!: string | null;

  static from(page: AuditPage): AuditLogPageDto {
    return { items: page.items.map(AuditLogRecordDto.from), next_cursor: page.nextCursor };
  }
}
