import { Controller, Get, HttpStatus, Param } from '@nestjs/common';
import { ValidQuery } from '../http/validated';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { ApiErrorResponses, ApiForPeople } from '../http/api-docs';
import { CurrentPrincipal } from '../authentication/current-principal.decorator';
import type { Principal } from '../authentication/principal';
import { IdPipe } from '../http/id.pipe';
import { AuditLogPageDto, TenantAuditQueryDto } from './audit.dto';
import { ListTenantAuditUseCase } from './list-tenant-audit.use-case';

@ApiTags('audit')
@ApiForPeople()
@Controller('v1/tenants/:tenant_id/audit')
export class TenantAuditController {
  constructor(private readonly listAudit: ListTenantAuditUseCase) {}

  @Get()
  @ApiOperation({ summary: "The tenant's audit trail, newest first, filtered by resource and action (tenant admins, system administrators)" })
  @ApiOkResponse({ type: AuditLogPageDto })
  @ApiErrorResponses({
    [HttpStatus.BAD_REQUEST]: 'VALIDATION_FAILED, INVALID_ID, INVALID_CURSOR',
    [HttpStatus.UNAUTHORIZED]: 'No valid credential (UNAUTHENTICATED)',
    [HttpStatus.FORBIDDEN]: 'Not a tenant administrator (API keys included)',
    [HttpStatus.NOT_FOUND]: 'TENANT_NOT_FOUND: another tenant',
  })
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
