import { Controller, Get, HttpStatus, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, CurrentPrincipal, IdPipe, PageQuery, Principal, ValidQuery } from '../../../platform';
import { KeyUsageUseCase } from '../../application/key-usage.use-case';
import { API_KEY_SCOPES } from '../../domain/scopes';
import { ApiErrors } from './api-docs';
import { KeyUsagePageDto, KeyUseDto } from './dto/key-usage.dto';
import { HumanOrMachineRoutes, MachineAccess } from './machine-access';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, TOO_MANY_REQUESTS } = HttpStatus;

@ApiTags('api-keys')
@ApiForPeople()
@HumanOrMachineRoutes()
@Controller('v1/tenants/:tenant_id/api-keys')
export class KeyUsageController {
  constructor(private readonly usage: KeyUsageUseCase) {}

  @Get(':key_id/usage')
  @MachineAccess(API_KEY_SCOPES.read, { narrowsToKeyScope: true })
  @ApiOperation({
    summary: "A key's usage log, newest first: every authenticated use with its route template, status, client address and user agent",
    description: 'Uses are written behind in batches (about a second); kept GATEHOUSE_USAGE_RETENTION_DAYS days.',
  })
  @ApiOkResponse({ type: KeyUsagePageDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, TOO_MANY_REQUESTS)
  async list(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('key_id', IdPipe) keyId: string,
    @ValidQuery() query: PageQuery,
  ): Promise<KeyUsagePageDto> {
    const page = await this.usage.list(principal, tenantId, keyId, { limit: query.limit, cursor: query.cursor });
    return { items: page.items.map(KeyUseDto.from), next_cursor: page.nextCursor };
  }
}
