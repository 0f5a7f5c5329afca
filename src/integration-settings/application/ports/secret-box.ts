/** A secret as stored: AES-256-GCM output, with the id of the key that sealed it. */
export interface SealedSecret {
  keyId: string;
  iv: string;
  tag: string;
  ciphertext: string;
}

/** Seals and opens provider secrets; the key never leaves the adapter. */
export abstract class SecretBox {
  /** The id of the key new secrets are sealed with; secrets under another id need re-sealing. */
  abstract readonly currentKeyId: string;

  /** Encrypts `plaintext`, bound to `context` (e.g. `openai/api_key`) so a sealed value cannot be moved elsewhere. */
  abstract seal(plaintext: string, context: string): SealedSecret;

  /** Decrypts with the key named by `sealed.keyId`; throws if the key is unknown or the value was tampered with. */
  abstract open(sealed: SealedSecret, context: string): string;

  /** A short, non-reversible mark that tells administrators which secret is set. */
  abstract fingerprint(plaintext: string): string;
}
