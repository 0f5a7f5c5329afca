import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { ApiKey } from '../../domain/api-key';
import { KeyReason, KeyStateStore } from '../../application/ports/key-state.store';
import { ApiKeyRepository } from '../../application/ports/api-key.repository';

@Injectable()
export class SqlKeyStateStore extends KeyStateStore {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly keys: ApiKeyRepository,
  ) {
    super();
  }

  suspend(id: string, at: Date, reason: KeyReason): Promise<ApiKey> {
    return this.update(
      id,
      `suspended_at = $2, suspension_reason_code = $3, suspension_reason_text = $4, updated_at = $2`,
      [at, reason.code, reason.text],
    );
  }

  reactivate(id: string, at: Date): Promise<ApiKey> {
    return this.update(id, `suspended_at = NULL, suspension_reason_code = NULL, suspension_reason_text = NULL, updated_at = $2`, [at]);
  }

  revoke(id: string, at: Date, reason: KeyReason): Promise<ApiKey> {
    return this.update(
      id,
      `revoked_at = $2, revocation_reason_code = $3, revocation_reason = coalesce($4, revocation_reason), updated_at = $2`,
      [at, reason.code, reason.text],
    );
  }

  private async update(id: string, sets: string, params: unknown[]): Promise<ApiKey> {
    await this.tx.manager.query(`UPDATE api_keys SET ${sets} WHERE id = $1`, [id, ...params]);
    const key = await this.keys.findById(id);
    if (!key) throw new Error(`api key ${id} vanished while its state changed`);
    return key;
  }
}
