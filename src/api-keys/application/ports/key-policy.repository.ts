import type { KeyPolicy } from '../../domain/key-policy';

/** Each tenant's key policy, stored with the tenant. */
export abstract class KeyPolicyRepository {
  /** `undefined` when the tenant does not exist; the defaults for what it never set. */
  abstract find(tenantId: string): Promise<KeyPolicy | undefined>;
  abstract save(tenantId: string, policy: KeyPolicy): Promise<void>;
}
