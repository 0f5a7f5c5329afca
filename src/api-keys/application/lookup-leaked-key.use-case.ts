import { Injectable } from '@nestjs/common';
import { Clock, TransactionRunner } from '../../platform';
import { stateOf, type ApiKey, type ApiKeyState } from '../domain/api-key';
import { parseApiKey } from '../domain/api-key-secret';
import { ApiKeyAccess } from './api-key-access';
import { ApiKeyWrites } from './api-key-writes';
import { KeyActorContext, KeyAudit } from './key-audit';
import { ApiKeyRepository } from './ports/api-key.repository';
import { KeyDirectory, KeyWhereabouts } from './ports/key-directory';
import { KeyHasher } from './ports/key-hasher';
import { KeyLookup } from './ports/key-lookup';
import { RevokeApiKeyUseCase } from './revoke-api-key.use-case';
import type { VerifiedKey } from './verified-key';

export type LeakLookupResult =
  | { found: false }
  | { found: true; key: ApiKey; state: ApiKeyState; whereabouts: KeyWhereabouts; revokedByLookup: boolean };

const LEAK_REASON = { code: 'key_compromised', text: 'Revoked after the key was reported found (leak lookup)' } as const;

/**
 * For system administrators answering a leak: which tenant, key and owner a found secret belongs
 * to, and its state; on request it revokes the key as `key_compromised`. Every lookup is audited
 * (in the key's tenant, or the administrator's when nothing matched), never with the secret.
 */
@Injectable()
export class LookupLeakedKeyUseCase {
  constructor(
    private readonly access: ApiKeyAccess,
    private readonly hasher: KeyHasher,
    private readonly lookup: KeyLookup,
    private readonly writes: ApiKeyWrites,
    private readonly tx: TransactionRunner,
    private readonly keys: ApiKeyRepository,
    private readonly directory: KeyDirectory,
    private readonly revocation: RevokeApiKeyUseCase,
    private readonly audit: KeyAudit,
    private readonly clock: Clock,
  ) {}

  async execute(context: KeyActorContext, presented: string, revoke: boolean): Promise<LeakLookupResult> {
    await this.access.requireSystemAdmin(context.principal);
    const match = await this.match(presented);
    if (!match) {
      await this.recordMiss(context, revoke);
      return { found: false };
    }
    const revokes = revoke && stateOf(match, this.clock.now()) !== 'revoked';
    return this.writes.inTenant(match.tenantId, revokes ? [match.id] : [], async () => {
      let key = await this.keys.findById(match.id);
      if (!key) return { found: false } as const;
      await this.audit.record(context, 'looked_up', key, { found: true, revoke_requested: revoke });
      const revokedByLookup = revokes && stateOf(key, this.clock.now()) !== 'revoked';
      if (revokedByLookup) key = await this.revocation.revokeInUnitOfWork(context, key, LEAK_REASON);
      const whereabouts = await this.directory.whereabouts(key.tenantId, key.userId, key.teamId);
      return { found: true, key, state: stateOf(key, this.clock.now()), whereabouts, revokedByLookup };
    });
  }

  private async match(presented: string): Promise<VerifiedKey | undefined> {
    if (!parseApiKey(presented)) return undefined;
    const keyHash = this.hasher.hash(presented);
    const found = await this.lookup.findByHash(keyHash);
    return found && this.hasher.same(found.keyHash, keyHash) ? found : undefined;
  }

  /** Nothing matched: the lookup is kept in the administrator's own tenant, without the string looked up. */
  private recordMiss(context: KeyActorContext, revoke: boolean): Promise<void> {
    const tenantId = context.principal.tenantId;
    return this.tx.inTenant(tenantId, () => this.audit.record(context, 'looked_up', { tenantId }, { found: false, revoke_requested: revoke }));
  }
}
