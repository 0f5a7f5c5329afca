import { Controller, HttpCode, HttpStatus, Ip, Post } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, Clock, CurrentPrincipal, Principal, ValidBody } from '../../../platform';
import { KeyMaintenanceUseCase } from '../../application/key-maintenance.use-case';
import { LookupLeakedKeyUseCase } from '../../application/lookup-leaked-key.use-case';
import { ApiErrors } from './api-docs';
import { LeakLookupBody, LeakLookupResultDto, MaintenanceReportDto } from './dto/key-lifecycle.dto';
import { HumanOrMachineRoutes } from './machine-access';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN } = HttpStatus;

/** Leak response and maintenance across tenants: system administrators only, never API keys. */
@ApiTags('api-keys')
@ApiForPeople()
@HumanOrMachineRoutes()
@Controller('v1/admin/api-keys')
export class AdminKeyLifecycleController {
  constructor(
    private readonly leakLookup: LookupLeakedKeyUseCase,
    private readonly maintenance: KeyMaintenanceUseCase,
    private readonly clock: Clock,
  ) {}

  @Post('lookup')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({
    summary: 'Which tenant, key, owner and team a found secret belongs to, and its state; revoke: true revokes it as key_compromised',
    description: 'Unknown or malformed strings answer 200 with found: false. Every lookup is audited, never with the secret.',
  })
  @ApiOkResponse({ type: LeakLookupResultDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN)
  async lookup(@CurrentPrincipal() principal: Principal, @ValidBody() body: LeakLookupBody, @Ip() clientAddress: string): Promise<LeakLookupResultDto> {
    const result = await this.leakLookup.execute({ principal, clientAddress }, body.key, body.revoke ?? false);
    return LeakLookupResultDto.from(result, this.clock.now());
  }

  @Post('maintenance/run')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: 'Runs the daily key maintenance now and returns its counts' })
  @ApiOkResponse({ type: MaintenanceReportDto })
  @ApiErrors(UNAUTHORIZED, FORBIDDEN)
  async runMaintenance(@CurrentPrincipal() principal: Principal): Promise<MaintenanceReportDto> {
    return MaintenanceReportDto.from(await this.maintenance.runFor(principal));
  }
}
