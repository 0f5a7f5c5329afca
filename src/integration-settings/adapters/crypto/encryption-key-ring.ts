import { AppConfig } from '../../../platform';

/** The key that seals new secrets, and the older ones that can still open what they sealed. */
export interface EncryptionKeyRing {
  currentKeyId: string;
  keys: Map<string, Buffer>;
}

const KEY_ID = /^[A-Za-z0-9_-]{1,32}$/;

/** Reads the ring from config; a malformed entry stops the start with a message naming the variable. */
export function keyRingFromConfig(config: AppConfig): EncryptionKeyRing {
  const currentKeyId = config.integrations.encryptionKeyId;
  if (!KEY_ID.test(currentKeyId)) throw new Error('Invalid configuration: GATEHOUSE_ENCRYPTION_KEY_ID must be 1-32 letters, digits, _ or -');
  const keys = new Map<string, Buffer>([[currentKeyId, Buffer.from(config.secrets.encryptionKey, 'base64')]]);
  for (const entry of (config.integrations.previousEncryptionKeys ?? '').split(',').map((e) => e.trim()).filter(Boolean)) {
    const separator = entry.indexOf(':');
    const id = entry.slice(0, separator);
    const key = Buffer.from(entry.slice(separator + 1), 'base64');
    if (separator < 1 || !KEY_ID.test(id) || key.length !== 32 || keys.has(id)) {
      // The entry itself is key material: the message names the variable and the rule, never the entry.
      throw new Error('Invalid configuration: GATEHOUSE_ENCRYPTION_PREVIOUS_KEYS must be id:base64-of-32-bytes entries, comma-separated, with ids distinct from each other and from GATEHOUSE_ENCRYPTION_KEY_ID');
    }
    keys.set(id, key);
  }
  return { currentKeyId, keys };
}
