import { Controller, Get, HttpStatus, Param } from '@nestjs/common';
import { ValidQuery } from '../http/validated';
import { ApiBearerAuth, ApiCookieAuth, ApiOkResponse, ApiOperation, ApiResponse, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal } from '../authentication/current-principal.decorator';
import type { Principal } from '../authentication/principal';
import { ErrorBody } from '../errors/error-body';
import { IdPipe } from '../http/id.pipe';
import { AuditLogPageDto, TenantAuditQueryDto } from './audit.dto';
import { ListTenantAuditUseCase } from './list-tenant-audit.use-case';

@ApiTags('audit')
@ApiCookieAuth('session')
@ApiBearerAuth('bearer')
@Controller('v1/tenants/:tenant_id/audit')
export class TenantAuditController {
  constructor(private readonly listAudit: ListTenantAuditUseCase) {}

  @Get()
  @ApiOperation({ summary: "The tenant's audit trail, newest first, filtered by resource and action (tenant admins, system administrators)" })
  @ApiOkResponse({ type: AuditLogPageDto })
  @ApiResponse({ status: HttpStatus.BAD_REQUEST, type: ErrorBody, description: 'VALIDATION_FAILED, INVALID_ID, INVALID_CURSOR' })
  @ApiResponse({ status: HttpStatus.UNAUTHORIZED, type: ErrorBody })
  @ApiResponse({ status: HttpStatus.FORBIDDEN, type: ErrorBody, description: 'Not a tenant administrator (API keys included)' })
  @ApiResponse({ status: HttpStatus.NOT_FOUND, type: ErrorBody, description: 'TENANT_NOT_FOUND: another tenant' })
  async list(@CurrentPrincipal() principal: Principal, @Param('tenant_id', IdPipe) tenantId: string, @ValidQuery() query: TenantAuditQueryDto): Promise<AuditLogPageDto> {
    const page = await this.listAudit.execute(principal, tenantId, {
      resourceType: query.resource_type,
      resourceId: query.resource_id,
      action: query.action,
      limit: query.limit,
      cursor: query.cursor,
    });
    return AuditLogPageDto.from(page);
  }
}
