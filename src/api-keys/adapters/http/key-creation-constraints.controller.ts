import { Controller, Get, HttpStatus, Param } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, CurrentPrincipal, IdPipe, Principal } from '../../../platform';
import { KeyCreationConstraintsUseCase } from '../../application/key-creation-constraints.use-case';
import { API_KEY_SCOPES } from '../../domain/scopes';
import { ApiErrors } from './api-docs';
import { KeyCreationConstraintsDto } from './dto/key-creation-constraints.dto';
import { HumanOrMachineRoutes, MachineAccess } from './machine-access';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND } = HttpStatus;

@ApiTags('api-keys')
@ApiForPeople()
@HumanOrMachineRoutes()
@Controller('v1/tenants/:tenant_id/api-keys')
export class KeyCreationConstraintsController {
  constructor(private readonly constraints: KeyCreationConstraintsUseCase) {}

  @Get('creation-constraints')
  // The answer is about the caller's own limits, scoped keys included.
  @MachineAccess(API_KEY_SCOPES.read, { narrowsToKeyScope: true })
  @ApiOperation({ summary: "What the tenant's key policy and the caller's own rights allow in a new key, to build a creation form" })
  @ApiOkResponse({ type: KeyCreationConstraintsDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string): Promise<KeyCreationConstraintsDto> {
    return KeyCreationConstraintsDto.from(await this.constraints.execute(principal, tenantId));
  }
}
