import { Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AccessPolicy } from './application/access-policy';
import { BootstrapDefaultTenantUseCase } from './application/bootstrap/bootstrap-default-tenant.use-case';
import { ResyncAuthorizationUseCase } from './application/bootstrap/resync-authorization.use-case';
import { LoginThrottle } from './application/ports/login-throttle';
import { PasswordHasher } from './application/ports/password-hasher';
import { ProductRepository } from './application/ports/product.repository';
import { SessionRepository } from './application/ports/session.repository';
import { TeamRepository } from './application/ports/team.repository';
import { TenantRepository } from './application/ports/tenant.repository';
import { UserRepository } from './application/ports/user.repository';
import { WorkspaceRepository } from './application/ports/workspace.repository';
import { ProductsUseCase } from './application/products/products.use-case';
import { RelationshipChanges } from './application/relationship-changes';
import { AuthenticateSessionUseCase } from './application/sessions/authenticate-session.use-case';
import { GetMeUseCase } from './application/sessions/get-me.use-case';
import { LoginUseCase } from './application/sessions/login.use-case';
import { LogoutUseCase } from './application/sessions/logout.use-case';
import { TeamAccess } from './application/teams/team-access';
import { TeamCommandsUseCase } from './application/teams/team-commands.use-case';
import { TeamMembersUseCase } from './application/teams/team-members.use-case';
import { TeamProductsUseCase } from './application/teams/team-products.use-case';
import { TeamQueriesUseCase } from './application/teams/team-queries.use-case';
import { CreateTenantUseCase } from './application/tenants/create-tenant.use-case';
import { DeleteTenantUseCase } from './application/tenants/delete-tenant.use-case';
import { GetTenantUseCase, ListTenantsUseCase } from './application/tenants/tenant-queries.use-case';
import { UpdateTenantUseCase } from './application/tenants/update-tenant.use-case';
import { UnitOfWork } from './application/unit-of-work';
import { CreateUserUseCase } from './application/users/create-user.use-case';
import { UpdateUserUseCase } from './application/users/update-user.use-case';
import { GetUserUseCase, ListUsersUseCase } from './application/users/user-queries.use-case';
import { CreateWorkspaceUseCase } from './application/workspaces/create-workspace.use-case';
import { DeleteWorkspaceUseCase } from './application/workspaces/delete-workspace.use-case';
import { UpdateWorkspaceUseCase } from './application/workspaces/update-workspace.use-case';
import { WorkspaceAccess } from './application/workspaces/workspace-access';
import { WorkspaceMembersUseCase } from './application/workspaces/workspace-members.use-case';
import { GetWorkspaceUseCase, ListWorkspacesUseCase } from './application/workspaces/workspace-queries.use-case';
import { InMemoryLoginThrottle } from './adapters/crypto/in-memory-login-throttle';
import { ScryptPasswordHasher } from './adapters/crypto/scrypt-password-hasher';
import { AuthController } from './adapters/http/auth.controller';
import { ProductsController } from './adapters/http/products.controller';
import { SessionAuthenticator } from './adapters/http/session.authenticator';
import { TeamsController } from './adapters/http/teams.controller';
import { TenantsController } from './adapters/http/tenants.controller';
import { UsersController } from './adapters/http/users.controller';
import { WorkspacesController } from './adapters/http/workspaces.controller';
import { IamStartup } from './adapters/iam-startup';
import { SqlProductRepository } from './adapters/persistence/sql-product.repository';
import { SqlSessionRepository } from './adapters/persistence/sql-session.repository';
import { SqlTeamRepository } from './adapters/persistence/sql-team.repository';
import { SqlTenantRepository } from './adapters/persistence/sql-tenant.repository';
import { SqlUserRepository } from './adapters/persistence/sql-user.repository';
import { SqlWorkspaceRepository } from './adapters/persistence/sql-workspace.repository';

/** Identity and access: tenants, users, sessions, workspaces, teams, products, startup bootstrap. */
@Module({
  imports: [DiscoveryModule],
  controllers: [AuthController, TenantsController, UsersController, WorkspacesController, TeamsController, ProductsController],
  providers: [
    { provide: TenantRepository, useClass: SqlTenantRepository },
    { provide: UserRepository, useClass: SqlUserRepository },
    { provide: SessionRepository, useClass: SqlSessionRepository },
    { provide: WorkspaceRepository, useClass: SqlWorkspaceRepository },
    { provide: TeamRepository, useClass: SqlTeamRepository },
    { provide: ProductRepository, useClass: SqlProductRepository },
    { provide: PasswordHasher, useClass: ScryptPasswordHasher },
    { provide: LoginThrottle, useClass: InMemoryLoginThrottle },
    UnitOfWork,
    AccessPolicy,
    RelationshipChanges,
    WorkspaceAccess,
    TeamAccess,
    LoginUseCase,
    LogoutUseCase,
    GetMeUseCase,
    AuthenticateSessionUseCase,
    SessionAuthenticator,
    CreateTenantUseCase,
    ListTenantsUseCase,
    GetTenantUseCase,
    UpdateTenantUseCase,
    DeleteTenantUseCase,
    CreateUserUseCase,
    ListUsersUseCase,
    GetUserUseCase,
    UpdateUserUseCase,
    CreateWorkspaceUseCase,
    ListWorkspacesUseCase,
    GetWorkspaceUseCase,
    UpdateWorkspaceUseCase,
    DeleteWorkspaceUseCase,
    WorkspaceMembersUseCase,
    TeamCommandsUseCase,
    TeamQueriesUseCase,
    TeamMembersUseCase,
    TeamProductsUseCase,
    ProductsUseCase,
    BootstrapDefaultTenantUseCase,
    ResyncAuthorizationUseCase,
    IamStartup,
  ],
  exports: [ResyncAuthorizationUseCase],
})
export class IamModule {}
