import type { KeyReason } from '../../application/ports/key-state.store';
import { RevocationReasonAmbiguous } from '../../domain/api-key-errors';
import type { RevokeApiKeyBody, SuspendApiKeyBody } from './dto/api-key-input.dto';

/** A revocation's reason; older clients send `reason` (free text) and no code, which reads as `other`. */
export function revocationReason(body: RevokeApiKeyBody): KeyReason {
  if (body.reason !== undefined && body.reason_text !== undefined) throw new RevocationReasonAmbiguous();
  return { code: body.reason_code ?? 'other', text: body.reason_text ?? body.reason ?? null };
}

export function suspensionReason(body: SuspendApiKeyBody): KeyReason {
  return { code: body.reason_code, text: body.reason_text ?? null };
}
