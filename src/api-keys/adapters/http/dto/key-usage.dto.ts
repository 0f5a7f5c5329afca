import { ApiProperty } from '@nestjs/swagger';
import type { KeyUse } from '../../../application/ports/usage-log';

/** One authenticated use of a key. */
export class KeyUseDto {
  @ApiProperty({ description: 'Row id; increases with insertion' }) id!: string;
  @ApiProperty({ format: 'date-time' }) used_at!: string;
  @ApiProperty({ example: 'GET' }) method!: string;
  @ApiProperty({ example: '/v1/tenants/:tenant_id/api-keys/:key_id', description: 'The route template, not the raw path' }) route!: string;
  @ApiProperty({ example: 200, description: 'The status the request was answered with' }) status!: number;
  @ApiProperty({ nullable: true, type: String }) client_address!: string | null;
  @ApiProperty({ nullable: true, type: String }) user_agent!: string | null;

  static from(use: KeyUse): KeyUseDto {
    return {
      id: use.id,
      used_at: use.usedAt.toISOString(),
      method: use.method,
      route: use.route,
      status: use.status,
      client_address: use.clientAddress,
      user_agent: use.userAgent,
    };
  }
}

export class KeyUsagePageDto {
  @ApiProperty({ type: [KeyUseDto] }) items!: KeyUseDto[];
  @ApiProperty({ nullable: true, type: String }) next_cursor!: string | null;
}
