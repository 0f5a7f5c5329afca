import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Principal } from './principal';

/**
 * A check every authenticated request passes once its principal is known, before any route guard
 * (e.g. an API key's rate limit). It may set reply headers, and refuses by throwing a DomainError.
 * Provide a class extending this one; the authentication guard finds every provider at start-up,
 * so the order does not depend on how modules are imported.
 */
export abstract class PrincipalAdmission {
  /** Synchronous when it can be: the guard then resolves the request without a promise. */
  abstract admit(principal: Principal, request: FastifyRequest, reply: FastifyReply): void | Promise<void>;
}
