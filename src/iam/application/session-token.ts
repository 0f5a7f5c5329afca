import { createHash, randomBytes } from 'node:crypto';

/** Session tokens: 256 random bits, hex; only their SHA-256 is stored. */
const TOKEN = /^[0-9a-f]{64}$/;

export function newSessionToken(): { token: string; hash: string } {
  const token = randomBytes(32).toString('hex');
  return { token, hash: hashSessionToken(token) };
}

export function hashSessionToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a presented value has a session token's shape (API keys and others do not). */
export function looksLikeSessionToken(value: string): boolean {
  return TOKEN.test(value);
}
