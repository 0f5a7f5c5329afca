import { randomBytes } from 'node:crypto';
import { AppConfig } from '../../../platform';
import { AesGcmSecretBox } from './aes-gcm-secret-box';
import { keyRingFromConfig } from './encryption-key-ring';

const keyA = randomBytes(32).toString('base64');
const keyB = randomBytes(32).toString('base64');
const box = (env: Record<string, string>) => new AesGcmSecretBox(keyRingFromConfig(AppConfig.fromEnv({ NODE_ENV: 'test', ...env })));

describe('AES-256-GCM secret box', () => {
  it('seals under the current key id and opens again; ciphertext holds no plaintext', () => {
    const sealer = box({ GATEHOUSE_ENCRYPTION_KEY: keyA, GATEHOUSE_ENCRYPTION_KEY_ID: 'a1' });
    const sealed = sealer.seal('sk-provider-secret', 'openai/api_key');
    expect(sealed.keyId).toBe('a1');
    expect(JSON.stringify(sealed)).not.toContain('sk-provider-secret');
    expect(sealer.open(sealed, 'openai/api_key')).toBe('sk-provider-secret');
    expect(sealer.seal('sk-provider-secret', 'openai/api_key').iv).not.toBe(sealed.iv);
  });

  it('refuses a value moved to another context or tampered with', () => {
    const sealer = box({ GATEHOUSE_ENCRYPTION_KEY: keyA });
    const sealed = sealer.seal('sk-provider-secret', 'openai/api_key');
    expect(() => sealer.open(sealed, 'image_generation/api_key')).toThrow();
    const flipped = Buffer.from(sealed.ciphertext, 'base64');
    flipped[0] ^= 1;
    expect(() => sealer.open({ ...sealed, ciphertext: flipped.toString('base64') }, 'openai/api_key')).toThrow();
  });

  it('opens secrets sealed under a previous key after rotation, and seals new ones under the new key', () => {
    const old = box({ GATEHOUSE_ENCRYPTION_KEY: keyA, GATEHOUSE_ENCRYPTION_KEY_ID: 'k1' });
    const sealed = old.seal('sk-rotated', 'openai/api_key');
    const rotated = box({ GATEHOUSE_ENCRYPTION_KEY: keyB, GATEHOUSE_ENCRYPTION_KEY_ID: 'k2', GATEHOUSE_ENCRYPTION_PREVIOUS_KEYS: `k1:${keyA}` });
    expect(rotated.open(sealed, 'openai/api_key')).toBe('sk-rotated');
    expect(rotated.seal('sk-rotated', 'openai/api_key').keyId).toBe('k2');
    const withoutOld = box({ GATEHOUSE_ENCRYPTION_KEY: keyB, GATEHOUSE_ENCRYPTION_KEY_ID: 'k2' });
    expect(() => withoutOld.open(sealed, 'openai/api_key')).toThrow(/no encryption key with id "k1"/);
  });

  it('refuses malformed key settings without repeating them', () => {
    expect(() => box({ GATEHOUSE_ENCRYPTION_KEY_ID: 'bad id!' })).toThrow(/GATEHOUSE_ENCRYPTION_KEY_ID/);
    for (const previous of ['k0:short', `nocolon${keyA}`, `k1:${keyA}`]) {
      try {
        box({ GATEHOUSE_ENCRYPTION_PREVIOUS_KEYS: previous });
        throw new Error('expected a refusal');
      } catch (error) {
        expect((error as Error).message).toMatch(/GATEHOUSE_ENCRYPTION_PREVIOUS_KEYS/);
        expect((error as Error).message).not.toContain(keyA);
      }
    }
  });

  it('fingerprints without revealing the secret', () => {
    const fingerprint = box({}).fingerprint('sk-provider-secret');
    expect(fingerprint).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(fingerprint).not.toContain('sk-provider-secret');
  });
});
