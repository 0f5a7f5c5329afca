import { Injectable } from '@nestjs/common';
import { Principal } from '../../../platform';
import { Forbidden, InsufficientScope, TenantNotFound } from '../../domain/integration-errors';
import type { ResolvedIntegration } from '../integration-views';
import { IntegrationResolver } from './resolve-integration.use-case';

export const RESOLVE_SCOPE = 'integrations:resolve';

/** Who may resolve over HTTP: an API key of the tenant itself, carrying the resolve scope. Nobody else (another tenant: 404). */
export function requireResolveCaller(principal: Principal, tenantId: string): void {
  if (principal.tenantId !== tenantId) throw new TenantNotFound();
  if (principal.kind !== 'api_key') throw new Forbidden('Only API keys with the integrations:resolve scope may resolve integrations');
  if (!(principal.scopes ?? []).includes(RESOLVE_SCOPE)) throw new InsufficientScope(RESOLVE_SCOPE);
}

/** The machine route's use case: the caller check, then the resolver. */
@Injectable()
export class ResolveForMachineUseCase {
  constructor(private readonly resolver: IntegrationResolver) {}

  async execute(principal: Principal, tenantId: string, type: string): Promise<ResolvedIntegration> {
    requireResolveCaller(principal, tenantId);
    return this.resolver.resolveIntegration(tenantId, type);
  }
}
