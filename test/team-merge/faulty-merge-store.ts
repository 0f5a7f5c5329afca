import { Injectable } from '@nestjs/common';
import { SqlAuditLog } from '../../src/platform/audit/sql-audit-log';
import { AuditEntry } from '../../src/platform';
import { SqlTeamMergeStore } from '../../src/team-merge/adapters/persistence/sql-team-merge.store';

export type MergeStep = 'revokeKeys' | 'renameKeys' | 'moveKeys' | 'moveMembers' | 'deleteTeam' | 'audit';

/** Shared switch: the step after which the next merge fails (its own writes already made). */
export const faults: { failAfter?: MergeStep } = {};

function failIf(step: MergeStep): void {
  if (faults.failAfter === step) throw new Error(`injected fault after ${step}`);
}

/** The real store, failing right after the chosen step has written its rows. */
@Injectable()
export class FaultyMergeStore extends SqlTeamMergeStore {
  override async revokeKeys(keyIds: string[], at: Date): Promise<void> {
    await super.revokeKeys(keyIds, at);
    failIf('revokeKeys');
  }
  override async renameKeys(renames: Array<{ keyId: string; name: string }>, at: Date): Promise<void> {
    await super.renameKeys(renames, at);
    failIf('renameKeys');
  }
  override async moveKeys(fromTeamId: string, toTeamId: string, at: Date): Promise<void> {
    await super.moveKeys(fromTeamId, toTeamId, at);
    failIf('moveKeys');
  }
  override async moveMembers(fromTeamId: string, toTeamId: string, at: Date): Promise<void> {
    await super.moveMembers(fromTeamId, toTeamId, at);
    failIf('moveMembers');
  }
  override async deleteTeam(teamId: string): Promise<void> {
    await super.deleteTeam(teamId);
    failIf('deleteTeam');
  }
}

/** The real audit log, failing after writing when told: the merge's last step, after its outbox messages. */
@Injectable()
export class FaultyAuditLog extends SqlAuditLog {
  override async record(entry: AuditEntry): Promise<void> {
    await super.record(entry);
    failIf('audit');
  }
}
