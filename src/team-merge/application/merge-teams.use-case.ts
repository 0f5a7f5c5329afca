import { Injectable } from '@nestjs/common';
import { AuditLog, AuthorizationPort, Clock, Outbox, Principal, TransactionRunner } from '../../platform';
import { PLATFORM } from '../../iam';
import { ConflictStrategy, MergePlan, MergeTeam, planMerge } from '../domain/merge-plan';
import { MergeIntoItself, MergeTeamNotFound, TeamHasActiveProduct, TeamsOfDifferentTenants } from '../domain/team-merge-errors';
import { Forbidden } from '../domain/forbidden';
import { enqueueGatewayCalls, GatewayCall } from './gateway-sync';
import { enqueueMergeRelationships } from './merge-relationships';
import { LlmGateway } from './ports/llm-gateway';
import { TeamMergeStore } from './ports/team-merge.store';

export interface MergeRequest {
  tenantId: string;
  targetTeamId: string;
  sourceTeamId: string;
  strategy: ConflictStrategy;
  renameSuffix?: string;
  dryRun: boolean;
}

export type GatewaySyncState = 'disabled' | 'queued' | 'not_applied';

export interface MergeResult {
  plan: MergePlan;
  dryRun: boolean;
  gateway: { state: GatewaySyncState; calls: number };
}

/**
 * Merges one team into another in one transaction: refusals first (leaving both as they were),
 * then keys, members, the source's deletion, and the outbound effects queued with the commit.
 */
@Injectable()
export class MergeTeamsUseCase {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly store: TeamMergeStore,
    private readonly authorization: AuthorizationPort,
    private readonly outbox: Outbox,
    private readonly gateway: LlmGateway,
    private readonly audit: AuditLog,
    private readonly clock: Clock,
  ) {}

  async merge(principal: Principal, request: MergeRequest): Promise<MergeResult> {
    if (!(await this.authorization.check(principal.subject, 'super_admin', PLATFORM))) throw new Forbidden();
    if (request.sourceTeamId === request.targetTeamId) throw new MergeIntoItself();
    const result = await this.tx.asSystem(async () => {
      const { source, target } = await this.teams(request);
      const sourceKeys = await this.store.keys(source.id);
      const liveKeyIds = sourceKeys.filter((k) => k.live).map((k) => k.id);
      const plan = planMerge({
        source,
        target,
        sourceMembers: await this.store.members(source.id),
        targetMembers: await this.store.members(target.id),
        sourceKeys,
        targetLiveKeyNames: await this.store.liveKeyNames(target.id),
        strategy: request.strategy,
        renameSuffix: request.renameSuffix,
      });
      const calls = this.gatewayCalls(plan, liveKeyIds);
      if (request.dryRun) return { plan, dryRun: true, gateway: { state: this.gatewayState('not_applied'), calls: calls.length } };
      await this.apply(principal, plan, liveKeyIds, calls);
      return { plan, dryRun: false, gateway: { state: this.gatewayState('queued'), calls: calls.length } };
    });
    // Delivery starts now but is not awaited: a large merge queues thousands of gateway calls, and
    // the response reports them as queued rather than waiting for the proxy.
    if (!result.dryRun) void this.outbox.flush();
    return result;
  }

  /** Both teams, locked (for a real merge) and checked: same tenant, path tenant, no active product. */
  private async teams(request: MergeRequest): Promise<{ source: MergeTeam; target: MergeTeam }> {
    const ids = [request.sourceTeamId, request.targetTeamId];
    if (!request.dryRun) await this.store.lockTeams(ids);
    const found = await this.store.findTeams(ids);
    const target = found.find((t) => t.id === request.targetTeamId);
    const source = found.find((t) => t.id === request.sourceTeamId);
    if (!target || target.tenantId !== request.tenantId) throw new MergeTeamNotFound('target');
    if (!source) throw new MergeTeamNotFound('source');
    if (source.tenantId !== target.tenantId) throw new TeamsOfDifferentTenants();
    const active = await this.store.activeProductIds(source.id);
    if (active.length > 0) throw new TeamHasActiveProduct(active);
    return { source, target };
  }

  private async apply(principal: Principal, plan: MergePlan, liveKeyIds: string[], calls: GatewayCall[]): Promise<void> {
    const now = this.clock.now();
    const grants = await this.store.workspaceGrants(plan.source.id);
    const revoked = new Set(plan.conflicts.filter((c) => c.resolution === 'revoke').map((c) => c.keyId));
    await this.store.revokeKeys([...revoked], now);
    await this.store.renameKeys(plan.conflicts.flatMap((c) => (c.newName ? [{ keyId: c.keyId, name: c.newName }] : [])), now);
    await this.store.moveKeys(plan.source.id, plan.target.id, now);
    await this.store.moveMembers(plan.source.id, plan.target.id, now);
    await this.store.deleteTeam(plan.source.id);
    await enqueueMergeRelationships(this.outbox, plan, liveKeyIds.filter((id) => !revoked.has(id)), grants);
    await enqueueGatewayCalls(this.outbox, calls);
    await this.audit.record({
      tenantId: plan.target.tenantId,
      actor: { type: principal.kind, id: principal.id },
      action: 'team.merged',
      resourceType: 'team',
      resourceId: plan.target.id,
      details: {
        source_team_id: plan.source.id,
        conflict_strategy: plan.strategy,
        members: plan.members.length,
        keys_moved: plan.movedKeys.length,
        keys_renamed: plan.conflicts.filter((c) => c.resolution === 'rename').length,
        keys_revoked: revoked.size,
      },
    });
  }

  /** Live keys only: the gateway mirrors no revoked key. */
  private gatewayCalls(plan: MergePlan, liveKeyIds: string[]): GatewayCall[] {
    if (!this.gateway.enabled) return [];
    const live = new Set(liveKeyIds);
    const revoked = plan.conflicts.filter((c) => c.resolution === 'revoke').map((c) => c.keyId);
    const moves = plan.movedKeys.filter((k) => live.has(k.keyId)).map((k): GatewayCall => ({ op: 'move', key_id: k.keyId, team_id: plan.target.id }));
    return [...moves, ...revoked.map((id): GatewayCall => ({ op: 'delete', key_id: id }))];
  }

  private gatewayState(state: GatewaySyncState): GatewaySyncState {
    return this.gateway.enabled ? state : 'disabled';
  }
}
