import { Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { ApiCreatedResponse, ApiNoContentResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiForPeople, CurrentPrincipal, IdPipe, PageQuery, Principal, ValidBody, ValidQuery } from '../../../platform';
import { CreateTenantUseCase } from '../../application/tenants/create-tenant.use-case';
import { DeleteTenantUseCase } from '../../application/tenants/delete-tenant.use-case';
import { GetTenantUseCase, ListTenantsUseCase } from '../../application/tenants/tenant-queries.use-case';
import { UpdateTenantUseCase } from '../../application/tenants/update-tenant.use-case';
import { ApiErrors } from './api-docs';
import { CreatedTenantDto, CreateTenantBody, TenantDto, TenantPageDto, UpdateTenantBody } from './dto/tenant.dto';
import { UserDto } from './dto/user.dto';

const { BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT } = HttpStatus;

@ApiTags('tenants')
@ApiForPeople()
@Controller('v1/tenants')
export class TenantsController {
  constructor(
    private readonly createTenant: CreateTenantUseCase,
    private readonly listTenants: ListTenantsUseCase,
    private readonly getTenant: GetTenantUseCase,
    private readonly updateTenant: UpdateTenantUseCase,
    private readonly deleteTenant: DeleteTenantUseCase,
  ) {}

  @Post()
  @ApiOperation({ summary: 'Creates a tenant with its root workspace (system administrators)' })
  @ApiCreatedResponse({ type: CreatedTenantDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, CONFLICT)
  async create(@CurrentPrincipal() principal: Principal, @ValidBody() body: CreateTenantBody): Promise<CreatedTenantDto> {
    const { tenant, admin } = await this.createTenant.execute(principal, { name: body.name, plan: body.plan ?? 'free', admin: body.admin });
    return { ...TenantDto.from(tenant), ...(admin ? { admin: UserDto.from(admin) } : {}) };
  }

  @Get()
  @ApiOperation({ summary: 'Lists tenants (system administrators)' })
  @ApiOkResponse({ type: TenantPageDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN)
  async list(@CurrentPrincipal() principal: Principal, @ValidQuery() query: PageQuery): Promise<TenantPageDto> {
    const page = await this.listTenants.execute(principal, query.limit, query.cursor);
    return { items: page.items.map(TenantDto.from), next_cursor: page.nextCursor };
  }

  @Get(':tenant_id')
  @ApiOperation({ summary: 'One tenant (its own users, or system administrators)' })
  @ApiOkResponse({ type: TenantDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND)
  async get(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string): Promise<TenantDto> {
    return TenantDto.from(await this.getTenant.execute(principal, tenantId));
  }

  @Patch(':tenant_id')
  @ApiOperation({ summary: 'Renames a tenant or changes its plan (system administrators)' })
  @ApiOkResponse({ type: TenantDto })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async update(
    @CurrentPrincipal() principal: Principal,
    @Param('tenant_id', IdPipe) tenantId: string,
    @ValidBody() body: UpdateTenantBody,
  ): Promise<TenantDto> {
    return TenantDto.from(await this.updateTenant.execute(principal, tenantId, { name: body.name, plan: body.plan }));
  }

  @Delete(':tenant_id')
  @HttpCode(HttpStatus.NO_CONTENT)
  @ApiOperation({ summary: 'Deletes a tenant and everything it owns (system administrators)' })
  @ApiNoContentResponse({ description: 'Deleted, with its workspaces, teams, users and their relationships' })
  @ApiErrors(BAD_REQUEST, UNAUTHORIZED, FORBIDDEN, NOT_FOUND, CONFLICT)
  async delete(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string): Promise<void> {
    await this.deleteTenant.execute(principal, tenantId);
  }
}
