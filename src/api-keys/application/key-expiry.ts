import { ExpiryAmbiguous } from '../domain/api-key-errors';
import { expiryInDays } from '../domain/key-policy';

/** `expires_at` or `expires_in_days` (not both); `undefined` when neither was given. */
export function requestedExpiry(now: Date, expiresAt: Date | null | undefined, expiresInDays: number | undefined): Date | null | undefined {
  if (expiresAt !== undefined && expiresInDays !== undefined) throw new ExpiryAmbiguous();
  if (expiresInDays !== undefined) return expiryInDays(now, expiresInDays);
  return expiresAt;
}
