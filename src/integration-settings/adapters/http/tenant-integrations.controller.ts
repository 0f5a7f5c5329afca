import { Controller, Delete, Get, HttpCode, HttpStatus, Ip, Param, Post, Put } from '@nestjs/common';
import { ApiBody, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, AuditLogPageDto, CurrentPrincipal, IdPipe, Principal, ValidBody, ValidQuery } from '../../../platform';
import { TestIntegrationUseCase } from '../../application/provider/test-integration.use-case';
import { ListIntegrationAuditUseCase } from '../../application/tenant/list-integration-audit.use-case';
import { ResetTenantOverridesUseCase } from '../../application/tenant/reset-tenant-overrides.use-case';
import { TenantIntegrationQueriesUseCase } from '../../application/tenant/tenant-integration-queries.use-case';
import { UpdateTenantOverridesUseCase } from '../../application/tenant/update-tenant-overrides.use-case';
import { ApiErrors } from './api-docs';
import { IntegrationAuditQuery } from './dto/integration-audit.dto';
import { IntegrationTestResultDto } from './dto/provider.dto';
import { OVERRIDES_BODY_SCHEMA, TenantIntegrationDto, TenantIntegrationListDto } from './dto/tenant-integration.dto';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT } = HttpStatus;

@ApiTags('integrations')
@ApiForPeople()
@Controller('v1/tenants/:tenant_id/integrations')
export class TenantIntegrationsController {
  constructor(
    private readonly queries: TenantIntegrationQueriesUseCase,
    private readonly update: UpdateTenantOverridesUseCase,
    private readonly reset: ResetTenantOverridesUseCase,
    private readonly audit: ListIntegrationAuditUseCase,
    private readonly test: TestIntegrationUseCase,
  ) {}

  @Get()
  @ApiOperation({ summary: "The tenant's effective settings of every integration (tenant members); never a secret" })
  @ApiOkResponse({ type: TenantIntegrationListDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async list(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string): Promise<TenantIntegrationListDto> {
    return { items: (await this.queries.list(principal, tenantId)).map(TenantIntegrationDto.from) };
  }

  @Get('audit')
  @ApiOperation({ summary: "Changes of the tenant's integration overrides, newest first (tenant admins)" })
  @ApiOkResponse({ type: AuditLogPageDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async listAudit(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @ValidQuery() query: IntegrationAuditQuery,
  ): Promise<AuditLogPageDto> {
    return AuditLogPageDto.from(await this.audit.forTenant(principal, tenantId, query));
  }

  @Get(':type')
  @ApiOperation({ summary: "The tenant's effective settings of one integration (tenant members)" })
  @ApiOkResponse({ type: TenantIntegrationDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async get(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('type') type: string,
  ): Promise<TenantIntegrationDto> {
    return TenantIntegrationDto.from(await this.queries.get(principal, tenantId, type));
  }

  @Put(':type')
  @ApiOperation({ summary: 'Saves overrides of allowed fields; null clears one (tenant admins; not on the free plan)' })
  @ApiBody({ schema: OVERRIDES_BODY_SCHEMA })
  @ApiOkResponse({ type: TenantIntegrationDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async put(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('type') type: string,
    @ValidBody() body: unknown,
    @Ip() clientAddress: string,
  ): Promise<TenantIntegrationDto> {
    return TenantIntegrationDto.from(await this.update.execute(principal, tenantId, type, body, clientAddress));
  }

  @Delete(':type')
  @ApiOperation({ summary: 'Resets the tenant to the platform settings of one integration (tenant admins)' })
  @ApiOkResponse({ type: TenantIntegrationDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async delete(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('type') type: string,
    @Ip() clientAddress: string,
  ): Promise<TenantIntegrationDto> {
    return TenantIntegrationDto.from(await this.reset.execute(principal, tenantId, type, clientAddress));
  }

  @Post(':type/test')
  @HttpCode(HttpStatus.OK)
  @ApiOperation({ summary: "Checks the provider answers with the platform key and the tenant's effective settings (tenant admins)" })
  @ApiOkResponse({ type: IntegrationTestResultDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async runTest(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @Param('type') type: string,
  ): Promise<IntegrationTestResultDto> {
    return IntegrationTestResultDto.from(await this.test.execute(principal, tenantId, type));
  }
}
