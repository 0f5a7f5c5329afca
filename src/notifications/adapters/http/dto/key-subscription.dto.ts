import { ApiProperty } from '@nestjs/swagger';
import type { KeySubscription } from '../../../domain/inbox-notification';

export class SubscribedKeyDto {
  @ApiProperty() name!: string;
  @ApiProperty() key_prefix!: string;
  @ApiProperty({ nullable: true, type: String, format: 'uuid' }) team_id!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) expires_at!: string | null;
  @ApiProperty({ nullable: true, type: String, format: 'date-time' }) revoked_at!: string | null;
}

export class KeySubscriptionDto {
  @ApiProperty({ format: 'uuid' }) api_key_id!: string;
  @ApiProperty({ format: 'uuid' }) tenant_id!: string;
  @ApiProperty({ enum: ['auto', 'manual'], description: 'auto: followed on creation; manual: followed by request' })
  source!: 'auto' | 'manual';
  @ApiProperty({ format: 'date-time' }) created_at!: string;
  @ApiProperty({ type: SubscribedKeyDto }) api_key!: SubscribedKeyDto;

  static from(s: KeySubscription): KeySubscriptionDto {
    return {
      api_key_id: s.apiKeyId,
      tenant_id: s.tenantId,
      source: s.source,
      created_at: s.createdAt.toISOString(),
      api_key: {
        name: s.key.name,
        key_prefix: s.key.keyPrefix,
        team_id: s.key.teamId,
        expires_at: s.key.expiresAt?.toISOString() ?? null,
        revoked_at: s.key.revokedAt?.toISOString() ?? null,
      },
    };
  }
}

export class KeySubscriptionPageDto {
  @ApiProperty({ type: [KeySubscriptionDto] }) items!: KeySubscriptionDto[];
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}
