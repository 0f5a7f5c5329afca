import { Controller, Get, HttpStatus, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, Clock, CurrentPrincipal, IdPipe, Principal, ValidQuery } from '../../../platform';
import { ExpiringSoonUseCase } from '../../application/expiring-soon.use-case';
import { API_KEY_SCOPES } from '../../domain/scopes';
import { ApiErrors } from './api-docs';
import { AdminExpiringSoonQueryDto, DEFAULT_EXPIRING_ITEMS, ExpiringSoonDto, ExpiringSoonQueryDto } from './dto/expiring-soon.dto';
import { HumanOrMachineRoutes, MachineAccess } from './machine-access';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, TOO_MANY_REQUESTS } = HttpStatus;
const DEFAULT_DAYS = 30;

@ApiTags('api-keys')
@ApiForPeople()
@HumanOrMachineRoutes()
@Controller()
export class ExpiringSoonController {
  constructor(
    private readonly expiring: ExpiringSoonUseCase,
    private readonly clock: Clock,
  ) {}

  @Get('v1/tenants/:tenant_id/api-keys/expiring-soon')
  @MachineAccess(API_KEY_SCOPES.read)
  @ApiOperation({
    summary: 'Keys the caller may see that expire within `days`, or expired in the last `days`, counted by severity',
    description: 'Revoked keys (and rotated keys in their grace period) are left out; suspended keys are in.',
  })
  @ApiOkResponse({ type: ExpiringSoonDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, TOO_MANY_REQUESTS)
  async forTenant(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string, @ValidQuery() query: ExpiringSoonQueryDto): Promise<ExpiringSoonDto> {
    const summary = await this.expiring.forTenant(principal, tenantId, {
      days: query.days ?? DEFAULT_DAYS,
      mode: query.mode ?? 'all',
      limit: query.limit ?? DEFAULT_EXPIRING_ITEMS,
    });
    return ExpiringSoonDto.from(summary, this.clock.now());
  }

  @Get('v1/admin/api-keys/expiring-soon')
  @ApiOperation({ summary: 'The expiring-soon view across tenants (system administrators)' })
  @ApiOkResponse({ type: ExpiringSoonDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN)
  async acrossTenants(@CurrentPrincipal() principal: Principal, @ValidQuery() query: AdminExpiringSoonQueryDto): Promise<ExpiringSoonDto> {
    const summary = await this.expiring.acrossTenants(principal, {
      tenantId: query.tenant_id,
      days: query.days ?? DEFAULT_DAYS,
      mode: query.mode ?? 'all',
      limit: query.limit ?? DEFAULT_EXPIRING_ITEMS,
    });
    return ExpiringSoonDto.from(summary, this.clock.now());
  }
}
