import { distinctList, matching, oneOf, stringsIn, subsetOfSetting } from '../field-rules';
import type { IntegrationTypeDefinition } from '../integration-type';

export const IMAGE_SERVICES = ['openai', 'runware'] as const;

/** Image generation, by OpenAI or Runware; each service has its own provider key. */
export const imageGenerationIntegration: IntegrationTypeDefinition = {
  name: 'image_generation',
  platformOnly: { allowed_sizes: distinctList(/^\d{2,5}x\d{2,5}$/, 50, 'sizes written WIDTHxHEIGHT') },
  overridable: {
    service: oneOf(IMAGE_SERVICES),
    model: matching(/^[A-Za-z0-9][\w.:@/-]{0,99}$/, 'a model name (letters, digits and . _ : @ / -, at most 100)'),
    image_quality: oneOf(['standard', 'hd']),
    image_style: matching(/^[A-Za-z0-9][\w-]{0,63}$/, 'a style name (letters, digits, _ and -, at most 64)'),
    sizes: subsetOfSetting((s) => stringsIn(s, 'allowed_sizes'), 'sizes'),
  },
  defaults: {
    allowed_sizes: ['1024x1024', '1792x1024', '1024x1792'],
    service: 'openai',
    model: 'dall-e-3',
    image_quality: 'standard',
    image_style: 'vivid',
    sizes: ['1024x1024'],
  },
  secrets: ['api_key', 'runware_api_key'],
  secretFor: (settings) => (settings['service'] === 'runware' ? 'runware_api_key' : 'api_key'),
};
