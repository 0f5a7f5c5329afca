import type { Principal } from '../../platform';
import type { VerifiedKey } from './verified-key';

/**
 * The verified key behind an `api_key` principal, kept on the principal object under a symbol:
 * guards and use cases read the key's controls without widening the platform's Principal and
 * without another lookup.
 */
export const CALLING_KEY: unique symbol = Symbol('gatehouse.callingKey');

export type KeyPrincipal = Principal & { [CALLING_KEY]?: VerifiedKey };

export function callingKeyOf(principal: Principal | undefined): VerifiedKey | undefined {
  return principal?.kind === 'api_key' ? (principal as KeyPrincipal)[CALLING_KEY] : undefined;
}
