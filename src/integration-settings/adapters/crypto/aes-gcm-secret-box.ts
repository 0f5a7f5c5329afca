import { createCipheriv, createDecipheriv, createHash, randomBytes } from 'node:crypto';
import { SealedSecret, SecretBox } from '../../application/ports/secret-box';
import type { EncryptionKeyRing } from './encryption-key-ring';

const ALGORITHM = 'aes-256-gcm';
const IV_BYTES = 12;

/** AES-256-GCM with a fresh random IV per seal and the context as additional authenticated data. */
export class AesGcmSecretBox extends SecretBox {
  readonly currentKeyId: string;

  constructor(private readonly ring: EncryptionKeyRing) {
    super();
    this.currentKeyId = ring.currentKeyId;
  }

  seal(plaintext: string, context: string): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv(ALGORITHM, this.key(this.currentKeyId), iv);
    cipher.setAAD(Buffer.from(context, 'utf8'));
    const ciphertext = Buffer.concat([cipher.update(plaintext, 'utf8'), cipher.final()]);
    return {
      keyId: this.currentKeyId,
      iv: iv.toString('base64'),
      tag: cipher.getAuthTag().toString('base64'),
      ciphertext: ciphertext.toString('base64'),
    };
  }

  open(sealed: SealedSecret, context: string): string {
    const decipher = createDecipheriv(ALGORITHM, this.key(sealed.keyId), Buffer.from(sealed.iv, 'base64'));
    decipher.setAAD(Buffer.from(context, 'utf8'));
    decipher.setAuthTag(Buffer.from(sealed.tag, 'base64'));
    return Buffer.concat([decipher.update(Buffer.from(sealed.ciphertext, 'base64')), decipher.final()]).toString('utf8');
  }

  /**
   * The first 16 hex digits of the secret's SHA-256: provider keys are high-entropy, so this
   * reveals nothing usable, and an administrator can compare it with `sha256sum` of their copy.
   */
  fingerprint(plaintext: string): string {
    return `sha256:${createHash('sha256').update(plaintext, 'utf8').digest('hex').slice(0, 16)}`;
  }

  private key(id: string): Buffer {
    const key = this.ring.keys.get(id);
    if (!key) throw new Error(`no encryption key with id "${id}" is configured`);
    return key;
  }
}
