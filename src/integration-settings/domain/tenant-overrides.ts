import { effectiveSettings, settingsProblems, type EffectiveSettings } from './effective-settings';
import type { IntegrationTypeDefinition, Settings } from './integration-type';
import { InvalidIntegrationSettings, IntegrationSecretForbidden, UnknownIntegrationFields } from './integration-errors';
import { requireObject } from './json-object';
import { secretLikePaths } from './secret-like-fields';

/**
 * Refuses what a tenant may never send, in order: a secret-like field anywhere (before anything
 * else, so no other message can mention it), then fields that are not overridable. Returns the
 * patch: a value sets a field's override, `null` clears it.
 */
export function parseOverridePatch(definition: IntegrationTypeDefinition, body: unknown): Settings {
  const patch = requireObject(body, 'body');
  const overridable = Object.keys(definition.overridable);
  const secrets = secretLikePaths(patch, new Set(overridable));
  if (secrets.length > 0) throw new IntegrationSecretForbidden(secrets);
  const unknown = Object.keys(patch).filter((field) => !overridable.includes(field));
  if (unknown.length > 0) throw new UnknownIntegrationFields(unknown, overridable);
  return patch;
}

/** The tenant's overrides after a patch, and what they give; refuses a result that does not validate. */
export function applyOverridePatch(
  definition: IntegrationTypeDefinition,
  platform: Settings,
  current: Settings,
  patch: Settings,
): { overrides: Settings; effective: EffectiveSettings } {
  const overrides: Settings = { ...current };
  for (const [field, value] of Object.entries(patch)) {
    if (value === null) delete overrides[field];
    else overrides[field] = value;
  }
  const candidate = { ...platform, ...overrides };
  const problems = settingsProblems(definition, candidate);
  if (problems.length > 0) throw new InvalidIntegrationSettings(problems);
  return { overrides: ordered(definition, overrides), effective: effectiveSettings(definition, platform, overrides, true) };
}

/** Overrides in definition order, so stored rows and audit records read the same way every time. */
function ordered(definition: IntegrationTypeDefinition, overrides: Settings): Settings {
  const result: Settings = {};
  for (const field of Object.keys(definition.overridable)) if (field in overrides) result[field] = overrides[field];
  return result;
}
