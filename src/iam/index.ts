// The IAM module's public surface for other modules.
export { IamModule } from './iam.module';
export { TenantErasure } from './application/tenants/tenant-erasure';
export { UserAccessChange } from './application/users/user-access-change';
export { PLATFORM, tenantRef, teamRef, userSubject, workspaceRef } from './application/authorization-graph';
export { ResyncAuthorizationUseCase } from './application/bootstrap/resync-authorization.use-case';
export type { Role, Plan } from './domain/iam';
