import { apiKeyFrom, ApiKeyType, displayPrefix, looksLikeApiKey, parseApiKey } from './api-key-secret';
import { crc32, crc32Value } from './crc32';
import { base62, base62OfNumber } from './base62';

const generateApiKey = (type: ApiKeyType) => apiKeyFrom(type, crypto.getRandomValues(new Uint8Array(24)));

describe('API key strings', () => {
  it('have the type prefix, 33 random base62 characters and a 6-character checksum', () => {
    const secret = generateApiKey('secret');
    const pub = generateApiKey('public');
    expect(secret).toMatch(/^sk_[0-9A-Za-z]{39}$/);
    expect(pub).toMatch(/^pk_[0-9A-Za-z]{39}$/);
    expect(parseApiKey(secret)).toEqual({ type: 'secret', value: secret });
    expect(parseApiKey(pub)).toEqual({ type: 'public', value: pub });
  });

  it('are different every time', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey('secret')));
    expect(keys.size).toBe(1000);
  });

  it('reject any single mistyped character through the checksum', () => {
    const key = generateApiKey('secret');
    for (let i = 3; i < key.length; i++) {
      const replacement = key[i] === 'a' ? 'b' : 'a';
      expect(parseApiKey(key.slice(0, i) + replacement + key.slice(i + 1))).toBeUndefined();
    }
  });

  it('reject foreign strings, swapped type prefixes and wrong lengths', () => {
    const key = generateApiKey('secret');
    expect(parseApiKey(`pk_${key.slice(3)}`)).toBeUndefined();
    expect(parseApiKey(key.slice(0, -1))).toBeUndefined();
    expect(parseApiKey(`${key}0`)).toBeUndefined();
    expect(parseApiKey('sk_live_4eC39HqLyjWDarjtT1zdp7dc')).toBeUndefined();
    expect(parseApiKey('')).toBeUndefined();
    expect(looksLikeApiKey(key)).toBe(true);
    expect(looksLikeApiKey('a'.repeat(64))).toBe(false);
  });

  it('show only the type and the first characters for display', () => {
    const key = generateApiKey('public');
    expect(displayPrefix(key)).toBe(key.slice(0, 12));
    expect(displayPrefix(key).length).toBeLessThan(key.length / 3);
  });

  it('encode base62 big-endian with padding', () => {
    expect(base62(Uint8Array.from([0]), 3)).toBe('000');
    expect(base62(Uint8Array.from([61]), 1)).toBe('z');
    expect(base62(Uint8Array.from([1, 0]), 2)).toBe('48');
    expect(base62(new Uint8Array(24).fill(255), 33)).toHaveLength(33);
    expect(() => base62(new Uint8Array(25).fill(255), 33)).toThrow();
  });
});

describe('CRC-32', () => {
  it('matches the standard check value', () => {
    expect(Buffer.from(crc32('123456789')).toString('hex')).toBe('cbf43926');
    // The checksum's number path writes what the byte path writes.
    for (const text of ['123456789', 'sk_abc', '', 'pk_zzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzzz']) {
      expect(base62OfNumber(crc32Value(text), 6)).toBe(base62(crc32(text), 6));
    }
    expect(base62OfNumber(0xffffffff, 6)).toBe(base62(Uint8Array.from([255, 255, 255, 255]), 6));
  });
});
