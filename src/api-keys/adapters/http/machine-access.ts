import { applyDecorators, CanActivate, ExecutionContext, Injectable, SetMetadata, UseGuards } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { ApiSecurity } from '@nestjs/swagger';
import type { FastifyRequest } from 'fastify';
import { principalOf } from '../../../platform';
import { hasScope, type KeyPermission } from '../../domain/api-key';
import { ApiKeyForbidden, ApiKeyScopeMissing } from '../../domain/api-key-errors';
import { KeyRequestRules, RouteParams } from '../../application/key-request-rules';

const MACHINE_ACCESS = 'gatehouse:machine-access';
/** Any key may call the route; no particular scope. */
const ANY_KEY = '';

export interface MachineAccessOptions {
  /** The permission level the route needs instead of its method's (e.g. a POST that only reads). */
  permission?: KeyPermission;
  /**
   * The operation itself keeps a team- or workspace-scoped key inside its scope (it lists or
   * touches only what the scope reaches), so a route naming only the tenant stays open to such keys.
   */
  narrowsToKeyScope?: boolean;
}

interface MachineRoute extends MachineAccessOptions {
  scope: string;
}

/**
 * Opens a route to API keys holding `scope` (any key when omitted). A key on a route without this
 * decorator, or without the scope, is refused; people are not affected. Every key request is also
 * held to the key's origin or address rules, its permission level and its scope (KeyRequestRules).
 */
export function MachineAccess(scope: string = ANY_KEY, options: MachineAccessOptions = {}): MethodDecorator & ClassDecorator {
  const route: MachineRoute = { scope, ...options };
  return applyDecorators(SetMetadata(MACHINE_ACCESS, route), UseGuards(MachineScopeGuard), ApiSecurity('api_key'));
}

/** Closes a controller's routes to API keys unless a route says otherwise with @MachineAccess. */
export function HumanOrMachineRoutes(): ClassDecorator {
  return UseGuards(MachineScopeGuard);
}

@Injectable()
export class MachineScopeGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly rules: KeyRequestRules,
  ) {}

  /** Route metadata is fixed once the app starts: read once per handler, not per request. */
  private readonly routes = new WeakMap<object, MachineRoute | null>();

  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const principal = principalOf(request);
    if (principal?.kind !== 'api_key') return true;
    const route = this.routeOf(context);
    if (route === undefined) throw new ApiKeyForbidden('This route is not open to API keys');
    const key = this.rules.keyOf(principal);
    if (key) this.rules.assertUsable(key, request.method, request.headers.origin, request.ip, route.permission);
    if (route.scope !== ANY_KEY && !hasScope(principal.scopes ?? [], route.scope)) throw new ApiKeyScopeMissing(route.scope);
    if (!key || key.scope.type === 'tenant') return true;
    const params = request.params as RouteParams;
    return this.rules.assertRouteInScope(principal, params, route.narrowsToKeyScope === true).then(() => true);
  }

  private routeOf(context: ExecutionContext): MachineRoute | undefined {
    const handler = context.getHandler();
    let route = this.routes.get(handler);
    if (route === undefined) {
      route = this.reflector.getAllAndOverride<MachineRoute | undefined>(MACHINE_ACCESS, [handler, context.getClass()]) ?? null;
      this.routes.set(handler, route);
    }
    return route ?? undefined;
  }
}
