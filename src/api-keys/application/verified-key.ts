import { ceilingForManager, type KeyControls, type KeyOwnerFields, type KeyPermission, type KeyReasonCode, type ResourcePermission } from '../domain/api-key';
import { lowerOf } from '../domain/key-restrictions';
import type { ApiKeyType } from '../domain/api-key-secret';

/**
 * What verification needs of a key, and all a cache holds: no secret, no name. It follows its
 * owner as the owner was when it was read: `permission` is the effective level, the key's own
 * capped by what the owner may grant now (see effectivePermission); the stored level stays as it is.
 */
export interface VerifiedKey extends KeyControls, KeyOwnerFields {
  id: string;
  tenantId: string;
  userId: string;
  teamId: string | null;
  type: ApiKeyType;
  scopes: string[];
  resourcePermissions: ResourcePermission[];
  expiresAt: Date | null;
  revokedAt: Date | null;
  /** Tells an outright revocation from a rotation's grace running out (see stateOf). */
  revocationReasonCode: KeyReasonCode | null;
}

/** A key never does more than its owner may do now: its own level, capped by the owner's ceiling. */
export function effectivePermission(stored: KeyPermission, ownerManagesTenant: boolean): KeyPermission {
  return lowerOf(stored, ceilingForManager(ownerManagesTenant));
}
