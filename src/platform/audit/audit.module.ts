import { Global, Module } from '@nestjs/common';
import { AuditLog, AuditLogReader } from './audit-log.port';
import { SqlAuditLog } from './sql-audit-log';
import { SqlAuditLogReader } from './sql-audit-log-reader';

/** The platform's audit log, for every module: record inside a unit of work, list a tenant's records. */
@Global()
@Module({
  providers: [
    { provide: AuditLog, useClass: SqlAuditLog },
    { provide: AuditLogReader, useClass: SqlAuditLogReader },
  ],
  exports: [AuditLog, AuditLogReader],
})
export class AuditModule {}
