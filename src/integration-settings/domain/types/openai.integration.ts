import { integerBetween, numberBetween, oneOfSetting } from '../field-rules';
import type { FieldSpec, IntegrationTypeDefinition, Settings } from '../integration-type';

/** A model tenants may choose, with the most tokens one answer may ask for. */
export interface AllowedModel {
  name: string;
  max_tokens: number;
}

const MODEL_NAME = /^[A-Za-z0-9][\w.:@/-]{0,99}$/;
const MAX_MODELS = 100;
const TOKEN_CEILING = 10_000_000;

function allowedModels(settings: Settings): AllowedModel[] {
  const value = settings['allowed_models'];
  return Array.isArray(value) ? (value as AllowedModel[]) : [];
}

const allowedModelsSpec: FieldSpec = {
  check(value) {
    const problem = `must be a list of 1 to ${MAX_MODELS} models {name, max_tokens} with distinct names and max_tokens from 1 to ${TOKEN_CEILING}`;
    if (!Array.isArray(value) || value.length === 0 || value.length > MAX_MODELS) return problem;
    const valid = value.every(
      (m) =>
        typeof m === 'object' &&
        m !== null &&
        !Array.isArray(m) &&
        Object.keys(m).every((k) => k === 'name' || k === 'max_tokens') &&
        typeof m.name === 'string' &&
        MODEL_NAME.test(m.name) &&
        Number.isInteger(m.max_tokens) &&
        m.max_tokens >= 1 &&
        m.max_tokens <= TOKEN_CEILING,
    );
    if (!valid || new Set(value.map((m: AllowedModel) => m.name)).size !== value.length) return problem;
    return undefined;
  },
};

/** Text generation through an OpenAI-compatible API. */
export const openaiIntegration: IntegrationTypeDefinition = {
  name: 'openai',
  platformOnly: { allowed_models: allowedModelsSpec },
  overridable: {
    model: oneOfSetting((s) => allowedModels(s).map((m) => m.name), 'models'),
    temperature: numberBetween(0, 2),
    max_tokens: integerBetween(1, (s) => allowedModels(s).find((m) => m.name === s['model'])?.max_tokens),
  },
  defaults: {
    allowed_models: [
      { name: 'gpt-4o-mini', max_tokens: 16384 },
      { name: 'gpt-4o', max_tokens: 16384 },
      { name: 'gpt-4.1-mini', max_tokens: 32768 },
    ],
    model: 'gpt-4o-mini',
    temperature: 0.7,
    max_tokens: 1024,
  },
  secrets: ['api_key'],
  secretFor: () => 'api_key',
};
