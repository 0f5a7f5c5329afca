// The platform's public surface: feature modules import from here only.
export * from './kernel';
export { AppConfig } from './config/app-config';
export { TransactionRunner } from './database/transaction-runner';
export { enableTenantIsolation, disableTenantIsolation } from './database/rls';
export { ErrorBody } from './errors/error-body';
export * from './authorization/authorization.port';
export * from './outbox/outbox.port';
export { RELATIONSHIP_CHANGES_TOPIC, enqueueRelationshipChanges } from './authorization/relationship-changes';
export type { RelationshipChanges } from './authorization/relationship-changes';
export { Clock, ManualClock } from './clock/clock';
export { providersOf } from './runtime/providers-of';
export * from './authentication';
export * from './audit';
export { IdPipe } from './http/id.pipe';
export { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE, PageQuery } from './http/page.query';
export { ValidBody, ValidQuery } from './http/validated';
export { ApiErrorResponses, ApiForPeople, errorDocs } from './http/api-docs';
