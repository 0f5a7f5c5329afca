import { Controller, Get, HttpStatus, Ip, Param, Put } from '@nestjs/common';
import { ApiBody, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, AuditLogPageDto, CurrentPrincipal, Principal, ValidBody, ValidQuery } from '../../../platform';
import { PlatformIntegrationQueriesUseCase } from '../../application/platform/platform-integration-queries.use-case';
import { UpdatePlatformIntegrationUseCase } from '../../application/platform/update-platform-integration.use-case';
import { ListIntegrationAuditUseCase } from '../../application/tenant/list-integration-audit.use-case';
import { ApiErrors } from './api-docs';
import { IntegrationAuditQuery } from './dto/integration-audit.dto';
import { PLATFORM_BODY_SCHEMA, PlatformIntegrationDto, PlatformIntegrationListDto, SecretStatusDto } from './dto/platform-integration.dto';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND } = HttpStatus;

@ApiTags('integrations')
@ApiForPeople()
@ApiExtraModels(SecretStatusDto)
@Controller('v1/admin/integrations')
export class AdminIntegrationsController {
  constructor(
    private readonly queries: PlatformIntegrationQueriesUseCase,
    private readonly update: UpdatePlatformIntegrationUseCase,
    private readonly audit: ListIntegrationAuditUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Platform settings of every integration type (system administrators)' })
  @ApiOkResponse({ type: PlatformIntegrationListDto })
  @ApiErrors(UNAUTHORIZED, FORBIDDEN)
  async list(@CurrentPrincipal() principal: Principal): Promise<PlatformIntegrationListDto> {
    return { items: (await this.queries.list(principal)).map(PlatformIntegrationDto.from) };
  }

  @Get('audit')
  @ApiOperation({ summary: 'Changes of platform integration settings, newest first (system administrators)' })
  @ApiOkResponse({ type: AuditLogPageDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async listAudit(@CurrentPrincipal() principal: Principal, @ValidQuery() query: IntegrationAuditQuery): Promise<AuditLogPageDto> {
    return AuditLogPageDto.from(await this.audit.forPlatform(principal, query));
  }

  @Get(':type')
  @ApiOperation({ summary: 'Platform settings of one integration type; secrets as status only (system administrators)' })
  @ApiOkResponse({ type: PlatformIntegrationDto })
  @ApiErrors(UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @Param('type') type: string): Promise<PlatformIntegrationDto> {
    return PlatformIntegrationDto.from(await this.queries.get(principal, type));
  }

  @Put(':type')
  @ApiOperation({ summary: 'Changes only what the body names: enabled, defaults field by field, secrets one by one (system administrators)' })
  @ApiBody({ schema: PLATFORM_BODY_SCHEMA })
  @ApiOkResponse({ type: PlatformIntegrationDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param('type') type: string,
    @ValidBody() body: unknown,
    @Ip() clientAddress: string,
  ): Promise<PlatformIntegrationDto> {
    return PlatformIntegrationDto.from(await this.update.execute(principal, type, body, clientAddress));
  }
}
