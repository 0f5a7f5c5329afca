import { Injectable } from '@nestjs/common';
import { AuthorizationPort, Principal, SubjectRef } from '../../platform';
import { PLATFORM, teamRef, tenantRef, userSubject } from '../../iam';
import type { ApiKey } from '../domain/api-key';
import { ApiKeyForbidden, ApiKeyNotFound, KeyTenantNotFound } from '../domain/api-key-errors';
import { keyLocation } from '../domain/key-restrictions';
import { KeyScopes } from './key-scopes';

/**
 * Who may do what with keys, as schema.zed's `api_key` says: owners and tenant admins manage a
 * key, admins of its team see it, system administrators manage every key. A key acting on these
 * routes acts as its owner, bounded by its own tenant (and by its scopes, checked at the route).
 */
@Injectable()
export class ApiKeyAccess {
  constructor(
    private readonly authorization: AuthorizationPort,
    private readonly scopes: KeyScopes,
  ) {}

  /** The human the caller stands for. */
  userIdOf(principal: Principal): string {
    return principal.userId ?? principal.id;
  }

  subjectOf(principal: Principal): SubjectRef {
    return userSubject(this.userIdOf(principal));
  }

  async isSystemAdmin(principal: Principal): Promise<boolean> {
    if (principal.kind === 'api_key') return false;
    return this.authorization.check(this.subjectOf(principal), 'super_admin', PLATFORM);
  }

  async requireSystemAdmin(principal: Principal): Promise<void> {
    if (!(await this.isSystemAdmin(principal))) throw new ApiKeyForbidden('Only system administrators may do this');
  }

  /** Another tenant does not exist for the caller, unless it is a system administrator (never for a key). */
  async requireTenantVisible(principal: Principal, tenantId: string): Promise<void> {
    if (principal.tenantId === tenantId) return;
    if (!(await this.isSystemAdmin(principal))) throw new KeyTenantNotFound();
  }

  /** Tenant admins, and system administrators through the platform. */
  managesTenant(principal: Principal, tenantId: string): Promise<boolean> {
    return this.userManagesTenant(this.userIdOf(principal), tenantId);
  }

  /** The same, of any user (a key's owner, as it is now). */
  userManagesTenant(userId: string, tenantId: string): Promise<boolean> {
    return this.authorization.check(userSubject(userId), 'manage', tenantRef(tenantId));
  }

  async requireTenantManager(principal: Principal, tenantId: string): Promise<void> {
    if (!(await this.managesTenant(principal, tenantId))) throw new ApiKeyForbidden('Only tenant administrators may do this');
  }

  async mayManage(principal: Principal, key: ApiKey): Promise<boolean> {
    return key.userId === this.userIdOf(principal) || this.managesTenant(principal, key.tenantId);
  }

  async mayView(principal: Principal, key: ApiKey): Promise<boolean> {
    if (await this.mayManage(principal, key)) return true;
    return key.teamId !== null && this.authorization.check(this.subjectOf(principal), 'manage', teamRef(key.teamId));
  }

  /** A key the caller cannot see is answered as missing; one it sees but cannot manage, as forbidden. */
  async requireManageable(principal: Principal, key: ApiKey | undefined): Promise<ApiKey> {
    if (!key || !(await this.mayView(principal, key))) throw new ApiKeyNotFound();
    if (!(await this.mayManage(principal, key))) throw new ApiKeyForbidden('Only the owner or a tenant administrator may change this key');
    await this.scopes.assertReaches(principal, keyLocation(key));
    return key;
  }

  /** Inside the tenant's transaction: a scoped calling key also needs the key within its scope. */
  async requireVisible(principal: Principal, key: ApiKey | undefined): Promise<ApiKey> {
    if (!key || !(await this.mayView(principal, key))) throw new ApiKeyNotFound();
    await this.scopes.assertReaches(principal, keyLocation(key));
    return key;
  }

  /** Whether the caller may put a key on `teamId`: it sees the team (member or manager). */
  mayUseTeam(principal: Principal, teamId: string): Promise<boolean> {
    return this.authorization.check(this.subjectOf(principal), 'view', teamRef(teamId));
  }

  /** Teams whose keys the caller sees without being a tenant admin. */
  managedTeamIds(principal: Principal): Promise<string[]> {
    return this.authorization.lookupResources(this.subjectOf(principal), 'manage', 'team');
  }
}
