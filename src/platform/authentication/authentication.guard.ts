import { CanActivate, ExecutionContext, Injectable, OnModuleInit } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { SESSION_COOKIE } from '../http/openapi';
import { providersOf } from '../runtime/providers-of';
import { CredentialAuthenticator, PresentedCredentials } from './credential-authenticator';
import { PRINCIPAL_KEY } from './current-principal.decorator';
import { PrincipalAdmission } from './principal-admission';
import type { Principal } from './principal';
import { PUBLIC_ROUTE } from './public.decorator';
import { Unauthenticated } from './unauthenticated.error';

/** The versioned API; everything under it needs a credential unless marked @Public(). */
const API_PREFIX = '/v1/';

/**
 * Global guard: turns the request's credentials into a Principal by asking every
 * CredentialAuthenticator provider in turn, then lets every PrincipalAdmission check it.
 * Operational routes outside /v1 (health, readiness, docs) stay open; API routes are closed by
 * default, so a forgotten decorator fails safe.
 */
@Injectable()
export class AuthenticationGuard implements CanActivate, OnModuleInit {
  private authenticators: CredentialAuthenticator[] = [];
  private admissions: PrincipalAdmission[] = [];
  private readonly publicRoutes = new WeakMap<object, boolean>();

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
  ) {}

  onModuleInit(): void {
    this.authenticators = providersOf(this.discovery, CredentialAuthenticator);
    this.admissions = providersOf(this.discovery, PrincipalAdmission);
  }

  /** Synchronous when every authenticator asked answers synchronously (a cached key): no promise per request. */
  canActivate(context: ExecutionContext): boolean | Promise<boolean> {
    if (context.getType() !== 'http') return true;
    const request = context.switchToHttp().getRequest<FastifyRequest>();
    const isPublic = this.isPublic(context);
    const needsPrincipal = !isPublic && request.url.startsWith(API_PREFIX);
    if (!needsPrincipal) return true;
    const credentials = presentedCredentials(request);
    if (!credentials.bearer && !credentials.apiKey && !credentials.sessionCookie) throw new Unauthenticated();
    const found = this.authenticate(credentials, 0);
    const reply = context.switchToHttp().getResponse<FastifyReply>();
    return found instanceof Promise ? found.then((principal) => this.admit(request, reply, principal)) : this.admit(request, reply, found);
  }

  /** Route metadata is fixed once the app starts: read once per handler, not per request. */
  private isPublic(context: ExecutionContext): boolean {
    const handler = context.getHandler();
    let isPublic = this.publicRoutes.get(handler);
    if (isPublic === undefined) {
      isPublic = this.reflector.getAllAndOverride<boolean | undefined>(PUBLIC_ROUTE, [handler, context.getClass()]) === true;
      this.publicRoutes.set(handler, isPublic);
    }
    return isPublic;
  }

  private admit(request: FastifyRequest, reply: FastifyReply, principal: Principal | undefined): boolean | Promise<boolean> {
    if (!principal) throw new Unauthenticated();
    (request as unknown as Record<string, Principal>)[PRINCIPAL_KEY] = principal;
    return this.runAdmissions(principal, request, reply, 0);
  }

  private runAdmissions(principal: Principal, request: FastifyRequest, reply: FastifyReply, from: number): boolean | Promise<boolean> {
    for (let i = from; i < this.admissions.length; i++) {
      const pending = this.admissions[i].admit(principal, request, reply);
      if (pending instanceof Promise) return pending.then(() => this.runAdmissions(principal, request, reply, i + 1));
    }
    return true;
  }

  private authenticate(credentials: PresentedCredentials, from: number): Principal | undefined | Promise<Principal | undefined> {
    for (let i = from; i < this.authenticators.length; i++) {
      const answer = this.authenticators[i].authenticate(credentials);
      if (answer instanceof Promise) return answer.then((principal) => principal ?? this.authenticate(credentials, i + 1));
      if (answer) return answer;
    }
    return undefined;
  }
}

function presentedCredentials(request: FastifyRequest): PresentedCredentials {
  const authorization = request.headers.authorization;
  const bearer = typeof authorization === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(authorization)?.[1] : undefined;
  const apiKey = request.headers['x-api-key'];
  const cookies = (request as FastifyRequest & { cookies?: Record<string, string | undefined> }).cookies;
  return {
    bearer,
    apiKey: typeof apiKey === 'string' && apiKey.length > 0 ? apiKey : undefined,
    sessionCookie: cookies?.[SESSION_COOKIE] || undefined,
    clientAddress: request.ip,
  };
}
