export { AuditLog, AuditLogReader } from './audit-log.port';
export type { AuditActor, AuditEntry, AuditPage, AuditQuery, AuditRecord } from './audit-log.port';
export { InvalidAuditCursor } from './audit-cursor';
export { AuditLogPageDto, AuditLogRecordDto } from './audit.dto';
