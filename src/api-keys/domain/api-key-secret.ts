import { base62, base62OfNumber } from './base62';
import { crc32Value } from './crc32';

export type ApiKeyType = 'secret' | 'public';

const PREFIX_OF: Record<ApiKeyType, string> = { secret: 'sk_', public: 'pk_' };
/** 192 random bits: 33 base62 characters. */
export const API_KEY_RANDOM_BYTES = 24;
const BODY_LENGTH = 33;
const CHECKSUM_LENGTH = 6;
/** `sk_`/`pk_`, the random body, then a checksum of both: one shape a secret scanner can match. */
const SHAPE = /^(sk|pk)_([0-9A-Za-z]{33})([0-9A-Za-z]{6})$/;
/** What is stored and shown for display: the type prefix and the first characters of the body. */
const DISPLAY_PREFIX_LENGTH = 12;

/** A key as presented: well-formed and with a matching checksum, not yet known to exist. */
export interface ParsedApiKey {
  type: ApiKeyType;
  value: string;
}

/** A key from `random` (API_KEY_RANDOM_BYTES bytes from a cryptographic source). */
export function apiKeyFrom(type: ApiKeyType, random: Uint8Array): string {
  if (random.length !== API_KEY_RANDOM_BYTES) throw new Error(`a key needs ${API_KEY_RANDOM_BYTES} random bytes`);
  const head = PREFIX_OF[type] + base62(random, BODY_LENGTH);
  return head + checksumOf(head);
}

/**
 * Whether `value` is a key this service could have issued. A typo or a foreign string fails the
 * checksum, so it is rejected without any lookup; `undefined` then.
 */
export function parseApiKey(value: string): ParsedApiKey | undefined {
  const match = SHAPE.exec(value);
  if (!match) return undefined;
  const head = `${match[1]}_${match[2]}`;
  if (checksumOf(head) !== match[3]) return undefined;
  return { type: match[1] === 'sk' ? 'secret' : 'public', value };
}

/** Whether a presented credential claims to be an API key (its prefix), valid or not. */
export function looksLikeApiKey(value: string): boolean {
  return value.startsWith('sk_') || value.startsWith('pk_');
}

export function displayPrefix(key: string): string {
  return key.slice(0, DISPLAY_PREFIX_LENGTH);
}

/** CRC-32: not a secret, only a guard against typos and strings from elsewhere. */
function checksumOf(head: string): string {
  return base62OfNumber(crc32Value(head), CHECKSUM_LENGTH);
}
