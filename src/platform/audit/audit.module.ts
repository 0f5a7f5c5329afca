import { Global, Module } from '@nestjs/common';
import { AuditLog, AuditLogReader } from './audit-log.port';
import { SqlAuditLog } from './sql-audit-log';
import { ListTenantAuditUseCase } from './list-tenant-audit.use-case';
import { SqlAuditLogReader } from './sql-audit-log-reader';
import { TenantAuditController } from './tenant-audit.controller';

/** The platform's audit log, for every module: record inside a unit of work, list a tenant's records (also over HTTP). */
@Global()
@Module({
  controllers: [TenantAuditController],
  providers: [
    ListTenantAuditUseCase,
    { provide: AuditLog, useClass: SqlAuditLog },
    { provide: AuditLogReader, useClass: SqlAuditLogReader },
  ],
  exports: [AuditLog, AuditLogReader],
})
export class AuditModule {}
