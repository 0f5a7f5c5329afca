import { Controller, Get, HttpStatus } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, Clock, CurrentPrincipal, Principal, ValidQuery } from '../../../platform';
import { ApiKeyQueriesUseCase } from '../../application/api-key-queries.use-case';
import { ApiErrors } from './api-docs';
import { ApiKeyDto, ApiKeyPageDto } from './dto/api-key-output.dto';
import { AdminApiKeyListQueryDto } from './dto/api-key-query.dto';
import { HumanOrMachineRoutes } from './machine-access';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN } = HttpStatus;

@ApiTags('api-keys')
@ApiForPeople()
@HumanOrMachineRoutes()
@Controller('v1/admin/api-keys')
export class AdminApiKeysController {
  constructor(
    private readonly queries: ApiKeyQueriesUseCase,
    private readonly clock: Clock,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Keys of every tenant (system administrators)' })
  @ApiOkResponse({ type: ApiKeyPageDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN)
  async list(@CurrentPrincipal() principal: Principal, @ValidQuery() query: AdminApiKeyListQueryDto): Promise<ApiKeyPageDto> {
    const page = await this.queries.listAll(principal, {
      tenantId: query.tenant_id,
      teamId: query.team_id,
      ownerId: query.owner_id,
      state: query.state,
      expiringWithinDays: query.expiring_within_days,
      limit: query.limit,
      cursor: query.cursor,
    });
    const now = this.clock.now();
    return { items: page.items.map((key) => ApiKeyDto.from(key, now)), next_cursor: page.nextCursor };
  }
}
