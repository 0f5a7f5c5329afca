import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';
import type { ExpiringKeysSummary } from '../../../application/ports/expiring-keys';
import { EXPIRY_SEVERITIES, severityOf, type ExpirySeverity } from '../../../domain/expiry-severity';
import { ApiKeyDto } from './api-key-output.dto';

export const DEFAULT_EXPIRING_ITEMS = 100;
export const MAX_EXPIRING_ITEMS = 500;

export class ExpiringSoonQueryDto {
  @ApiPropertyOptional({ minimum: 1, maximum: 365, default: 30, description: 'Keys expiring within this many days, and keys that expired in the last this many days' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(365)
  days?: number;

  @ApiPropertyOptional({ enum: ['all', 'subscribed'], default: 'all', description: '`subscribed`: only keys the caller follows for expiry notifications' })
  @IsOptional()
  @IsIn(['all', 'subscribed'])
  mode?: 'all' | 'subscribed';

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_EXPIRING_ITEMS, default: DEFAULT_EXPIRING_ITEMS, description: 'At most this many items; `truncated` says when there are more' })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(MAX_EXPIRING_ITEMS)
  limit?: number;
}

export class AdminExpiringSoonQueryDto extends ExpiringSoonQueryDto {
  @ApiPropertyOptional({ format: 'uuid', description: 'Only this tenant' })
  @IsOptional()
  @IsUUID()
  tenant_id?: string;
}

export class SeverityCountsDto {
  @ApiProperty({ description: 'Expired within the last `days` days' }) expired!: number;
  @ApiProperty({ description: 'At most 3 days left' }) urgent!: number;
  @ApiProperty({ description: 'More than 3, at most 14 days left' }) warning!: number;
  @ApiProperty({ description: 'More than 14 days left, within `days`' }) notice!: number;
}

export class ExpiringKeyDto extends ApiKeyDto {
  @ApiProperty({ enum: EXPIRY_SEVERITIES }) severity!: ExpirySeverity;
}

export class ExpiringSoonDto {
  @ApiProperty() total_count!: number;
  @ApiProperty({ type: SeverityCountsDto }) counts_by_severity!: SeverityCountsDto;
  @ApiProperty({ format: 'date-time', nullable: true, type: String, description: 'The soonest expiry still ahead' })
  earliest_expiration!: string | null;
  @ApiProperty({ type: [ExpiringKeyDto], description: 'Most overdue first, then soonest to expire' }) items!: ExpiringKeyDto[];
  @ApiProperty({ description: 'More keys matched than items holds' }) truncated!: boolean;

  static from(summary: ExpiringKeysSummary, now: Date): ExpiringSoonDto {
    return {
      total_count: summary.totalCount,
      counts_by_severity: summary.countsBySeverity,
      earliest_expiration: summary.earliestExpiration ? summary.earliestExpiration.toISOString() : null,
      items: summary.items.map((key) => ({ ...ApiKeyDto.from(key, now), severity: severityOf(key.expiresAt ?? now, now) })),
      truncated: summary.totalCount > summary.items.length,
    };
  }
}
