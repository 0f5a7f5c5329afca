import { integrationType } from './integration-registry';
import { applyDefaultsPatch, parsePlatformPatch } from './platform-patch';
import { settingChanges } from './setting-changes';

const openai = integrationType('openai');

describe('platform settings patch', () => {
  it('takes enabled, defaults and secrets, and only those', () => {
    expect(parsePlatformPatch(openai, { enabled: false, defaults: { temperature: 1 }, secrets: { api_key: 'sk-1' } })).toEqual({
      enabled: false,
      defaults: { temperature: 1 },
      secrets: { api_key: 'sk-1' },
    });
    expect(() => parsePlatformPatch(openai, { other: 1 })).toThrow(expect.objectContaining({ code: 'INTEGRATION_FIELD_UNKNOWN' }));
    expect(() => parsePlatformPatch(openai, { secrets: { password: 'x' } })).toThrow(expect.objectContaining({ code: 'INTEGRATION_FIELD_UNKNOWN' }));
    expect(() => parsePlatformPatch(openai, { enabled: 'yes' })).toThrow(expect.objectContaining({ code: 'INTEGRATION_SETTINGS_INVALID' }));
    expect(() => parsePlatformPatch(openai, { secrets: { api_key: '  ' } })).toThrow(expect.objectContaining({ code: 'INTEGRATION_SETTINGS_INVALID' }));
  });

  it('keeps credentials out of the defaults tenants can read', () => {
    expect(() => parsePlatformPatch(openai, { defaults: { extra: { token: 'x' } } })).toThrow(
      expect.objectContaining({ code: 'INTEGRATION_SECRET_FORBIDDEN', details: { fields: ['defaults.extra.token'] } }),
    );
    expect(parsePlatformPatch(openai, { defaults: { max_tokens: 5, allowed_models: [{ name: 'a', max_tokens: 9 }] } }).defaults).toBeDefined();
  });

  it('merges defaults field by field; null restores the built-in value; the whole must validate', () => {
    const once = applyDefaultsPatch(openai, {}, { temperature: 1.1 });
    expect(once).toMatchObject({ model: 'gpt-4o-mini', temperature: 1.1, max_tokens: 1024 });
    expect(applyDefaultsPatch(openai, once, { temperature: null })['temperature']).toBe(0.7);
    expect(() => applyDefaultsPatch(openai, once, { model: 'not-allowed' })).toThrow(expect.objectContaining({ code: 'INTEGRATION_SETTINGS_INVALID' }));
    expect(() => applyDefaultsPatch(openai, once, { allowed_models: [{ name: 'tiny', max_tokens: 10 }] })).toThrow(
      expect.objectContaining({ code: 'INTEGRATION_SETTINGS_INVALID' }),
    );
  });

  it('lists what changed, field by field', () => {
    expect(settingChanges({ a: 1, b: [1] }, { a: 1, b: [1, 2], c: 'x' })).toEqual([
      { field: 'b', old: [1], new: [1, 2] },
      { field: 'c', old: null, new: 'x' },
    ]);
  });
});
