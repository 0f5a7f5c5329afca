import { randomBytes } from 'node:crypto';
import { API_KEY_RANDOM_BYTES, apiKeyFrom, ApiKeyType } from '../domain/api-key-secret';

/** A fresh key from the operating system's cryptographic random source. */
export function newApiKey(type: ApiKeyType): string {
  return apiKeyFrom(type, randomBytes(API_KEY_RANDOM_BYTES));
}
