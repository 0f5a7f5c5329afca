import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsBoolean, IsIn, IsOptional, IsUUID, Matches } from 'class-validator';
import type { MergeResult } from '../../../application/merge-teams.use-case';
import type { ConflictStrategy } from '../../../domain/merge-plan';

const STRATEGIES: ConflictStrategy[] = ['cancel', 'rename', 'delete'];

export class MergeTeamsBody {
  @ApiProperty({ format: 'uuid', description: 'The team merged into the target and then deleted' })
  @IsUUID()
  source_team_id!: string;

  @ApiProperty({ enum: STRATEGIES, description: 'What happens to a live source key whose name a live target key already has' })
  @IsIn(STRATEGIES)
  conflict_strategy!: ConflictStrategy;

  @ApiPropertyOptional({ description: 'For `rename`: `<name>_<suffix>`; default: the source team name, slugged', pattern: '^[A-Za-z0-9_-]{1,50}$' })
  @IsOptional()
  @Matches(/^[A-Za-z0-9_-]{1,50}$/, { message: 'rename_suffix must be 1 to 50 letters, digits, "_" or "-"' })
  rename_suffix?: string;

  @ApiPropertyOptional({ description: 'Return the plan and change nothing' })
  @IsOptional()
  @IsBoolean()
  dry_run?: boolean;
}

class MemberOutcomeDto {
  @ApiProperty({ format: 'uuid' }) user_id!: string;
  @ApiProperty({ enum: ['admin', 'member'] }) role!: string;
  @ApiProperty({ enum: ['added', 'kept', 'promoted'] }) outcome!: string;
}
class KeyRefDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() name!: string;
}
class RenamedKeyDto {
  @ApiProperty({ format: 'uuid' }) id!: string;
  @ApiProperty() from!: string;
  @ApiProperty() to!: string;
}
class ConflictDto {
  @ApiProperty({ format: 'uuid' }) key_id!: string;
  @ApiProperty() name!: string;
  @ApiProperty({ enum: ['rename', 'revoke'] }) resolution!: string;
  @ApiPropertyOptional() new_name?: string;
}
class GatewaySyncDto {
  @ApiProperty({ enum: ['disabled', 'queued', 'not_applied'], description: 'disabled: no LITELLM_URL; queued: calls committed to the outbox' })
  state!: string;
  @ApiProperty() calls!: number;
}

export class MergeTeamsResultDto {
  @ApiProperty() dry_run!: boolean;
  @ApiProperty({ format: 'uuid' }) source_team_id!: string;
  @ApiProperty({ format: 'uuid' }) target_team_id!: string;
  @ApiProperty({ enum: STRATEGIES }) conflict_strategy!: string;
  @ApiProperty({ type: [MemberOutcomeDto] }) members!: MemberOutcomeDto[];
  @ApiProperty({ type: [KeyRefDto], description: 'Keys that end in the target team, with their final names' }) moved_keys!: KeyRefDto[];
  @ApiProperty({ type: [RenamedKeyDto] }) renamed_keys!: RenamedKeyDto[];
  @ApiProperty({ type: [KeyRefDto] }) revoked_keys!: KeyRefDto[];
  @ApiProperty({ type: [ConflictDto] }) conflicts!: ConflictDto[];
  @ApiProperty({ type: GatewaySyncDto }) gateway_sync!: GatewaySyncDto;

  static from({ plan, dryRun, gateway }: MergeResult): MergeTeamsResultDto {
    return {
      dry_run: dryRun,
      source_team_id: plan.source.id,
      target_team_id: plan.target.id,
      conflict_strategy: plan.strategy,
      members: plan.members.map((m) => ({ user_id: m.userId, role: m.role, outcome: m.outcome })),
      moved_keys: plan.movedKeys.map((k) => ({ id: k.keyId, name: k.name })),
      renamed_keys: plan.conflicts.flatMap((c) => (c.newName ? [{ id: c.keyId, from: c.name, to: c.newName }] : [])),
      revoked_keys: plan.conflicts.filter((c) => c.resolution === 'revoke').map((c) => ({ id: c.keyId, name: c.name })),
      conflicts: plan.conflicts.map((c) => ({ key_id: c.keyId, name: c.name, resolution: c.resolution, ...(c.newName ? { new_name: c.newName } : {}) })),
      gateway_sync: { state: gateway.state, calls: gateway.calls },
    };
  }
}
