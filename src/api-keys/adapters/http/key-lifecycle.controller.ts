import { Controller, HttpCode, HttpStatus, Ip, Param, Post } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, Clock, CurrentPrincipal, IdPipe, Principal, ValidBody } from '../../../platform';
import { ReactivateApiKeyUseCase } from '../../application/reactivate-api-key.use-case';
import { SuspendApiKeyUseCase } from '../../application/suspend-api-key.use-case';
import { API_KEY_SCOPES } from '../../domain/scopes';
import { ApiErrors } from './api-docs';
import { SuspendApiKeyBody } from './dto/api-key-input.dto';
import { ApiKeyDto } from './dto/api-key-output.dto';
import { suspensionReason } from './key-reasons';
import { HumanOrMachineRoutes, MachineAccess } from './machine-access';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT } = HttpStatus;

/** Suspension and reactivation of a key (owners and tenant admins); revocation is on ApiKeysController. */
@ApiTags('api-keys')
@ApiForPeople()
@HumanOrMachineRoutes()
@Controller('v1/tenants/:tenant_id/api-keys')
export class KeyLifecycleController {
  constructor(
    private readonly suspendKey: SuspendApiKeyUseCase,
    private readonly reactivateKey: ReactivateApiKeyUseCase,
    private readonly clock: Clock,
  ) {}

  @Post(':key_id/suspend')
  @HttpCode(HttpStatus.OK)
  @MachineAccess(API_KEY_SCOPES.write, { narrowsToKeyScope: true })
  @ApiOperation({ summary: 'Suspends an active key until reactivated: it answers 401 API_KEY_SUSPENDED meanwhile' })
  @ApiBody({ type: SuspendApiKeyBody })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async suspend(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('key_id', IdPipe) keyId: string,
    @ValidBody() body: SuspendApiKeyBody,
    @Ip() clientAddress: string,
  ): Promise<ApiKeyDto> {
    const key = await this.suspendKey.execute({ principal, clientAddress }, tenantId, keyId, suspensionReason(body));
    return ApiKeyDto.from(key, this.clock.now());
  }

  @Post(':key_id/reactivate')
  @HttpCode(HttpStatus.OK)
  @MachineAccess(API_KEY_SCOPES.write, { narrowsToKeyScope: true })
  @ApiOperation({ summary: 'Lifts a suspension: the key works again at once on every instance' })
  @ApiOkResponse({ type: ApiKeyDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async reactivate(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('key_id', IdPipe) keyId: string,
    @Ip() clientAddress: string,
  ): Promise<ApiKeyDto> {
    return ApiKeyDto.from(await this.reactivateKey.execute({ principal, clientAddress }, tenantId, keyId), this.clock.now());
  }
}
