import { createHash, createHmac } from 'node:crypto';
import { AppConfig } from '../../../platform';
import { newApiKey as generateApiKey } from '../../application/new-api-key';
import { HmacKeyHasher } from './hmac-key-hasher';

const configWith = (pepper: string) => AppConfig.fromEnv({ GATEHOUSE_KEY_PEPPER: pepper });

describe('HMAC key hasher', () => {
  const pepper = 'unit-test-pepper-0123456789abcdef0123';
  const hasher = new HmacKeyHasher(configWith(pepper));

  it('is HMAC-SHA-256 of the key under the pepper, as hex', () => {
    const key = generateApiKey('secret');
    expect(hasher.hash(key)).toBe(createHmac('sha256', pepper).update(key).digest('hex'));
    expect(hasher.hash(key)).toMatch(/^[0-9a-f]{64}$/);
  });

  it('matches createHmac for any pepper and input length, including peppers longer than a block and non-ASCII input', () => {
    const inputs = ['', 'a', generateApiKey('public'), 'ключ-🔑', 'x'.repeat(255), 'y'.repeat(256), 'z'.repeat(257), 'é'.repeat(200)];
    for (const candidate of [pepper, 'p'.repeat(64), 'q'.repeat(65), 'long-pepper-'.repeat(20), 'pfeffer-ä-0123456789abcdef0123456']) {
      const peppered = new HmacKeyHasher(configWith(candidate));
      for (const input of inputs) expect(peppered.hash(input)).toBe(createHmac('sha256', candidate).update(input).digest('hex'));
    }
  });

  it('depends on the pepper', () => {
    const key = generateApiKey('secret');
    expect(new HmacKeyHasher(configWith(`${pepper}-other`)).hash(key)).not.toBe(hasher.hash(key));
  });

  it('indexes the cache by SHA-256 of the key, without the pepper and distinct from the stored hash', () => {
    const key = generateApiKey('secret');
    expect(hasher.cacheIndex(key)).toBe(createHash('sha256').update(key).digest('base64'));
    expect(hasher.cacheIndex(key)).not.toBe(hasher.hash(key));
    expect(hasher.cacheIndex(key)).not.toBe(hasher.cacheIndex(generateApiKey('secret')));
  });

  it('compares digests', () => {
    const a = hasher.hash(generateApiKey('secret'));
    expect(hasher.same(a, a)).toBe(true);
    expect(hasher.same(a, hasher.hash(generateApiKey('secret')))).toBe(false);
    expect(hasher.same(a, a.slice(0, 10))).toBe(false);
  });
});
