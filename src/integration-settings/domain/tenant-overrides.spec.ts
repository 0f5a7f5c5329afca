import { effectiveSettings, platformSettings } from './effective-settings';
import { integrationType } from './integration-registry';
import { applyOverridePatch, parseOverridePatch } from './tenant-overrides';

const openai = integrationType('openai');
const image = integrationType('image_generation');
const platform = platformSettings(openai, {});

describe('tenant overrides', () => {
  it('refuses secrets before anything else, naming only the paths', () => {
    try {
      parseOverridePatch(openai, { nonsense: 1, config: { inner: { apiKey: 'sk-value' } } });
      throw new Error('expected a refusal');
    } catch (error) {
      expect(error).toMatchObject({ code: 'INTEGRATION_SECRET_FORBIDDEN', details: { fields: ['config.inner.apiKey'] } });
      expect(JSON.stringify(error)).not.toContain('sk-value');
      expect((error as Error).message).not.toContain('sk-value');
    }
  });

  it('refuses unknown and platform-only fields', () => {
    expect(() => parseOverridePatch(openai, { colour: 'red' })).toThrow(expect.objectContaining({ code: 'INTEGRATION_FIELD_UNKNOWN' }));
    expect(() => parseOverridePatch(openai, { allowed_models: [] })).toThrow(expect.objectContaining({ code: 'INTEGRATION_FIELD_UNKNOWN' }));
    expect(() => parseOverridePatch(openai, ['model'])).toThrow(expect.objectContaining({ code: 'INTEGRATION_SETTINGS_INVALID' }));
    expect(parseOverridePatch(openai, { max_tokens: 10 })).toEqual({ max_tokens: 10 });
  });

  it('merges a patch into the current overrides; null clears one field', () => {
    const first = applyOverridePatch(openai, platform, {}, { temperature: 1.2 });
    expect(first.overrides).toEqual({ temperature: 1.2 });
    const second = applyOverridePatch(openai, platform, first.overrides, { model: 'gpt-4.1-mini', max_tokens: 30000 });
    expect(second.overrides).toEqual({ model: 'gpt-4.1-mini', temperature: 1.2, max_tokens: 30000 });
    expect(second.effective.overriddenFields).toEqual(['model', 'temperature', 'max_tokens']);
    const third = applyOverridePatch(openai, platform, second.overrides, { temperature: null });
    expect(third.overrides).toEqual({ model: 'gpt-4.1-mini', max_tokens: 30000 });
    expect(third.effective.settings['temperature']).toBe(0.7);
  });

  it('checks values against the rules and the platform allow-lists', () => {
    const invalid = (patch: Record<string, unknown>, definition = openai, base = platform) =>
      expect(() => applyOverridePatch(definition, base, {}, patch)).toThrow(expect.objectContaining({ code: 'INTEGRATION_SETTINGS_INVALID' }));
    invalid({ temperature: 2.5 });
    invalid({ temperature: '1' });
    invalid({ model: 'gpt-5-unlisted' });
    invalid({ max_tokens: 0 });
    invalid({ max_tokens: 1.5 });
    invalid({ max_tokens: 20000 }); // gpt-4o-mini allows 16384
    invalid({ sizes: ['4096x4096'] }, image, platformSettings(image, {}));
    invalid({ sizes: [] }, image, platformSettings(image, {}));
    invalid({ image_quality: 'ultra' }, image, platformSettings(image, {}));
    invalid({ service: 'midjourney' }, image, platformSettings(image, {}));
    expect(applyOverridePatch(image, platformSettings(image, {}), {}, { sizes: ['1024x1024', '1792x1024'], image_quality: 'hd' }).overrides).toEqual({
      image_quality: 'hd',
      sizes: ['1024x1024', '1792x1024'],
    });
  });

  it('ignores overrides the plan no longer allows or the platform has narrowed away', () => {
    const overrides = { model: 'gpt-4o', temperature: 1.5 };
    expect(effectiveSettings(openai, platform, overrides, false)).toMatchObject({
      settings: { model: 'gpt-4o-mini', temperature: 0.7 },
      overriddenFields: [],
      ignoredOverrides: ['model', 'temperature'],
    });
    const narrowed = { ...platform, allowed_models: [{ name: 'gpt-4o-mini', max_tokens: 4096 }] };
    expect(effectiveSettings(openai, narrowed, overrides, true)).toMatchObject({
      settings: { model: 'gpt-4o-mini', temperature: 1.5 },
      overriddenFields: ['temperature'],
      ignoredOverrides: ['model'],
    });
  });
});
