import { platformSettings, settingsProblems } from './effective-settings';
import { fieldNames, type IntegrationTypeDefinition, type Settings } from './integration-type';
import { IntegrationSecretForbidden, InvalidIntegrationSettings, UnknownIntegrationFields, type FieldProblem } from './integration-errors';
import { isJsonObject, requireObject } from './json-object';
import { secretLikePaths } from './secret-like-fields';

/** A platform administrator's change: only what it names changes. */
export interface PlatformPatch {
  enabled?: boolean;
  /** Field by field; `null` puts a field back to the built-in default. */
  defaults: Settings;
  /** Plaintext secrets to store, or `null` to remove one. */
  secrets: Record<string, string | null>;
}

const TOP_LEVEL = ['enabled', 'defaults', 'secrets'];
const MAX_SECRET_LENGTH = 4096;

export function parsePlatformPatch(definition: IntegrationTypeDefinition, body: unknown): PlatformPatch {
  const raw = requireObject(body, 'body');
  const unknown = Object.keys(raw).filter((key) => !TOP_LEVEL.includes(key));
  if (unknown.length > 0) throw new UnknownIntegrationFields(unknown, TOP_LEVEL);
  const defaults = raw['defaults'] === undefined ? {} : requireObject(raw['defaults'], 'defaults');
  // Defaults are shown to every tenant: a credential belongs under `secrets`, which is write-only.
  const leaked = secretLikePaths(defaults, new Set(fieldNames(definition)));
  if (leaked.length > 0) throw new IntegrationSecretForbidden(leaked.map((path) => `defaults.${path}`), 'Defaults (use "secrets")');
  const unknownDefaults = Object.keys(defaults).filter((field) => !fieldNames(definition).includes(field));
  if (unknownDefaults.length > 0) throw new UnknownIntegrationFields(unknownDefaults.map((f) => `defaults.${f}`), fieldNames(definition));

  const problems: FieldProblem[] = [];
  if (raw['enabled'] !== undefined && typeof raw['enabled'] !== 'boolean') problems.push({ field: 'enabled', problems: ['must be true or false'] });
  const secrets = parseSecrets(definition, raw['secrets'], problems);
  if (problems.length > 0) throw new InvalidIntegrationSettings(problems);
  return { enabled: raw['enabled'] as boolean | undefined, defaults, secrets };
}

function parseSecrets(definition: IntegrationTypeDefinition, value: unknown, problems: FieldProblem[]): Record<string, string | null> {
  if (value === undefined) return {};
  if (!isJsonObject(value)) {
    problems.push({ field: 'secrets', problems: ['must be a JSON object'] });
    return {};
  }
  const unknown = Object.keys(value).filter((name) => !definition.secrets.includes(name));
  if (unknown.length > 0) throw new UnknownIntegrationFields(unknown.map((n) => `secrets.${n}`), [...definition.secrets]);
  for (const [name, secret] of Object.entries(value)) {
    const ok = secret === null || (typeof secret === 'string' && secret.trim().length > 0 && secret.length <= MAX_SECRET_LENGTH);
    if (!ok) problems.push({ field: `secrets.${name}`, problems: [`must be a non-blank string of at most ${MAX_SECRET_LENGTH} characters, or null`] });
  }
  return value as Record<string, string | null>;
}

/** The stored defaults after a patch; refuses defaults that do not validate as a whole. */
export function applyDefaultsPatch(definition: IntegrationTypeDefinition, stored: Settings, patch: Settings): Settings {
  const merged: Settings = { ...platformSettings(definition, stored) };
  for (const [field, value] of Object.entries(patch)) merged[field] = value === null ? definition.defaults[field] : value;
  const problems = settingsProblems(definition, merged).map((p) => ({ ...p, field: `defaults.${p.field}` }));
  if (problems.length > 0) throw new InvalidIntegrationSettings(problems);
  return merged;
}
