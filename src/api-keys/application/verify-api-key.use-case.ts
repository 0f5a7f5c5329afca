import { Injectable } from '@nestjs/common';
import { Principal } from '../../platform';
import { hasScope } from '../domain/api-key';
import { ApiKeyForbidden, ApiKeyScopeMissing, KeyRejection } from '../domain/api-key-errors';
import { API_KEY_SCOPES } from '../domain/scopes';
import { KeyVerifier } from './key-verifier';
import { LastUsedRecorder } from './last-used-recorder';
import type { VerifiedKey } from './verified-key';

export interface VerifyAnswer {
  valid: boolean;
  code?: KeyRejection;
  /** Present once the secret matched (valid, expired or revoked). */
  key?: VerifiedKey;
}

/**
 * For gateways: whether a presented key is usable, asked by a key holding `api_keys:verify`. A
 * gateway sees keys of its own tenant only; any other is answered as unknown.
 */
@Injectable()
export class VerifyApiKeyUseCase {
  constructor(
    private readonly verifier: KeyVerifier,
    private readonly lastUsed: LastUsedRecorder,
  ) {}

  async execute(caller: Principal, presented: string): Promise<VerifyAnswer> {
    if (caller.kind !== 'api_key') throw new ApiKeyForbidden(`Verification is for API keys holding ${API_KEY_SCOPES.verify}`);
    if (!hasScope(caller.scopes ?? [], API_KEY_SCOPES.verify)) throw new ApiKeyScopeMissing(API_KEY_SCOPES.verify);
    const result = await this.verifier.verify(presented);
    if (result.key && result.key.tenantId !== caller.tenantId) return { valid: false, code: 'API_KEY_INVALID' };
    if (result.valid) {
      this.lastUsed.touch(result.key.id);
      return { valid: true, key: result.key };
    }
    return { valid: false, code: result.code, key: result.key };
  }
}
