import type { KeyControls, KeyReasonCode, ResourcePermission } from '../domain/api-key';
import type { ApiKeyType } from '../domain/api-key-secret';

/** What verification needs of a key, and all a cache holds: no secret, no name. */
export interface VerifiedKey extends KeyControls {
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
