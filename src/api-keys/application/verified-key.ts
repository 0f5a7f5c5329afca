import type { KeyControls, ResourcePermission } from '../domain/api-key';
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
}
