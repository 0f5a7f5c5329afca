const ALPHABET = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
const BASE = BigInt(ALPHABET.length);

/** Base62 of `bytes` as one big-endian number, left-padded with '0' to `width` characters. */
export function base62(bytes: Uint8Array, width: number): string {
  let value = 0n;
  for (const byte of bytes) value = (value << 8n) | BigInt(byte);
  let out = '';
  while (value > 0n) {
    out = ALPHABET[Number(value % BASE)] + out;
    value /= BASE;
  }
  if (out.length > width) throw new Error(`${bytes.length} bytes do not fit in ${width} base62 characters`);
  return out.padStart(width, '0');
}

/** Base62 of a safe non-negative integer, as `base62` would write its big-endian bytes (no BigInt: checked on every request). */
export function base62OfNumber(value: number, width: number): string {
  let out = '';
  for (let rest = value; rest > 0; rest = Math.floor(rest / 62)) out = ALPHABET[rest % 62] + out;
  if (out.length > width) throw new Error(`${value} does not fit in ${width} base62 characters`);
  return out.padStart(width, '0');
}
