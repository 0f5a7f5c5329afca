import { Controller, Get, Header, HttpStatus, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, IdPipe, Principal } from '../../../platform';
import { ResolveForMachineUseCase } from '../../application/provider/resolve-for-machine.use-case';
import { ApiErrors, ApiMachine } from './api-docs';
import { ResolvedIntegrationDto } from './dto/provider.dto';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT } = HttpStatus;

/** The one route that answers with a provider secret: for the platform's workers, by API key scope. */
@ApiTags('integrations')
@ApiMachine()
@Controller('v1/tenants/:tenant_id/integrations')
export class IntegrationResolveController {
  constructor(private readonly resolve: ResolveForMachineUseCase) {}

  @Get(':type/resolve')
  @Header('cache-control', 'no-store')
  @ApiOperation({ summary: 'Effective settings with the decrypted provider secret (API keys of the tenant with scope integrations:resolve only)' })
  @ApiOkResponse({ type: ResolvedIntegrationDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('type') type: string,
  ): Promise<ResolvedIntegrationDto> {
    return ResolvedIntegrationDto.from(await this.resolve.execute(principal, tenantId, type));
  }
}
