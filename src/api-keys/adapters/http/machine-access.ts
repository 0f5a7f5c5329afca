import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiSecurity } from '@nestjs/swagger';
import { principalOf } from '../../../platform';
import { hasScope } from '../../domain/api-key';
import { ApiKeyForbidden, ApiKeyScopeMissing } from '../../domain/api-key-errors';

const MACHINE_SCOPE = 'gatehouse:machine-scope';
/** Any key may call the route; no particular scope. */
const ANY_KEY = '';

/**
 * Opens a route to API keys holding `scope` (any key when omitted). A key on a route without this
 * decorator, or without the scope, is refused; people are not affected.
 */
export function MachineAccess(scope: string = ANY_KEY): MethodDecorator & ClassDecorator {
  return applyDecorators(SetMetadata(MACHINE_SCOPE, scope), UseGuards(MachineScopeGuard), ApiSecurity('api_key'));
}

/** Closes a controller's routes to API keys unless a route says otherwise with @MachineAccess. */
export function HumanOrMachineRoutes(): ClassDecorator {
  return UseGuards(MachineScopeGuard);
}

@Injectable()
export class MachineScopeGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    const principal = principalOf(context.switchToHttp().getRequest<object>());
    if (principal?.kind !== 'api_key') return true;
    const scope = this.reflector.getAllAndOverride<string | undefined>(MACHINE_SCOPE, [context.getHandler(), context.getClass()]);
    if (scope === undefined) throw new ApiKeyForbidden('This route is not open to API keys');
    if (scope !== ANY_KEY && !hasScope(principal.scopes ?? [], scope)) throw new ApiKeyScopeMissing(scope);
    return true;
  }
}
