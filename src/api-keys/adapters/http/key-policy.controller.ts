import { Controller, Get, HttpStatus, Param, Put } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, CurrentPrincipal, IdPipe, Principal, ValidBody } from '../../../platform';
import { KeyPolicyUseCase } from '../../application/key-policy.use-case';
import { ApiErrors } from './api-docs';
import { KeyPolicyDto } from './dto/key-policy.dto';
import { HumanOrMachineRoutes } from './machine-access';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND } = HttpStatus;

@ApiTags('api-keys')
@ApiForPeople()
@HumanOrMachineRoutes()
@Controller('v1/tenants/:tenant_id/api-key-policy')
export class KeyPolicyController {
  constructor(private readonly policies: KeyPolicyUseCase) {}

  @Get()
  @ApiOperation({ summary: "The tenant's key policy (tenant admins)" })
  @ApiOkResponse({ type: KeyPolicyDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string): Promise<KeyPolicyDto> {
    return KeyPolicyDto.from(await this.policies.get(principal, tenantId));
  }

  @Put()
  @ApiOperation({ summary: "Replaces the tenant's key policy; creation, edits and rotation obey it from now on" })
  @ApiOkResponse({ type: KeyPolicyDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async put(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string, @ValidBody() body: KeyPolicyDto): Promise<KeyPolicyDto> {
    return KeyPolicyDto.from(await this.policies.put(principal, tenantId, KeyPolicyDto.toPolicy(body)));
  }
}
