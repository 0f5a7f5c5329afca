import type { ApiKey, KeyReasonCode } from '../../domain/api-key';

/** Why a key is suspended or revoked: a code from the fixed list, and optional free text (<= 500 characters). */
export interface KeyReason {
  code: KeyReasonCode;
  text: string | null;
}

/** Lifecycle writes on one key of the current unit of work's tenant; each returns the key as it now is. */
export abstract class KeyStateStore {
  abstract suspend(id: string, at: Date, reason: KeyReason): Promise<ApiKey>;
  /** Clears the suspension and its reason. */
  abstract reactivate(id: string, at: Date): Promise<ApiKey>;
  /** Revoked at `at`, for good; replaces a rotation's scheduled end. A missing text keeps the earlier one. */
  abstract revoke(id: string, at: Date, reason: KeyReason): Promise<ApiKey>;
}
