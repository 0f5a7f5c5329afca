import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsOptional, IsString, MaxLength, MinLength } from 'class-validator';
import { API_KEY_STATES, type ApiKeyState } from '../../../domain/api-key';
import type { LeakLookupResult } from '../../../application/lookup-leaked-key.use-case';
import type { MaintenanceReport } from '../../../application/key-maintenance.use-case';
import { ApiKeyDto } from './api-key-output.dto';

export class LeakLookupBody {
  @ApiProperty({ description: 'The secret as it was found; never stored or logged' })
  @IsString()
  @MinLength(1)
  @MaxLength(256)
  key!: string;

  @ApiPropertyOptional({ default: false, description: 'Also revoke the key now, as key_compromised' })
  @IsOptional()
  @IsBoolean()
  revoke?: boolean;
}

/** What a leaked secret belongs to. An unknown or malformed string answers 200 with `found: false`. */
export class LeakLookupResultDto {
  @ApiProperty() found!: boolean;
  @ApiPropertyOptional({ format: 'uuid' }) tenant_id?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) tenant_name?: string | null;
  @ApiPropertyOptional({ format: 'uuid' }) key_id?: string;
  @ApiPropertyOptional() name?: string;
  @ApiPropertyOptional({ format: 'uuid' }) owner_id?: string;
  @ApiPropertyOptional({ type: String, nullable: true }) owner_email?: string | null;
  @ApiPropertyOptional({ format: 'uuid', type: String, nullable: true }) team_id?: string | null;
  @ApiPropertyOptional({ type: String, nullable: true }) team_name?: string | null;
  @ApiPropertyOptional({ enum: API_KEY_STATES }) state?: ApiKeyState;
  @ApiPropertyOptional({ description: 'Whether this lookup revoked the key (false when it was revoked already)' }) revoked?: boolean;
  @ApiPropertyOptional({ type: ApiKeyDto, description: "The key's metadata as it is now" }) api_key?: ApiKeyDto;

  static from(result: LeakLookupResult, now: Date): LeakLookupResultDto {
    if (!result.found) return { found: false };
    const { key, whereabouts } = result;
    return {
      found: true,
      tenant_id: key.tenantId,
      tenant_name: whereabouts.tenantName,
      key_id: key.id,
      name: key.name,
      owner_id: key.userId,
      owner_email: whereabouts.ownerEmail,
      team_id: key.teamId,
      team_name: whereabouts.teamName,
      state: result.state,
      revoked: result.revokedByLookup,
      api_key: ApiKeyDto.from(key, now),
    };
  }
}

export class MaintenanceReportDto {
  @ApiProperty({ description: 'False when another instance was running maintenance at that moment' }) ran!: boolean;
  @ApiProperty({ description: 'Rotated-out keys past their grace, now revoked as rotation_completed' }) rotations_finalized!: number;
  @ApiProperty({ description: "Keys unused for their tenant policy's auto_expire_unused_days, now expired" }) unused_keys_expired!: number;
  @ApiProperty({ description: 'Usage log rows older than GATEHOUSE_USAGE_RETENTION_DAYS, deleted' }) usage_rows_pruned!: number;

  static from(report: MaintenanceReport): MaintenanceReportDto {
    return {
      ran: report.ran,
      rotations_finalized: report.rotationsFinalized,
      unused_keys_expired: report.unusedKeysExpired,
      usage_rows_pruned: report.usageRowsPruned,
    };
  }
}
