import { createParamDecorator, ExecutionContext } from '@nestjs/common';
import type { Principal } from './principal';
import { Unauthenticated } from './unauthenticated.error';

/** Where the guard leaves the caller on the request. */
export const PRINCIPAL_KEY = 'gatehousePrincipal';

export function principalOf(request: object): Principal | undefined {
  return (request as Record<string, Principal | undefined>)[PRINCIPAL_KEY];
}

/** The authenticated caller of this request; only on routes the guard protects. */
export const CurrentPrincipal = createParamDecorator((_: unknown, context: ExecutionContext): Principal => {
  const principal = principalOf(context.switchToHttp().getRequest<object>());
  if (!principal) throw new Unauthenticated();
  return principal;
});
