import { fieldNames, type FieldSpec, type IntegrationTypeDefinition, type Settings } from './integration-type';
import type { FieldProblem } from './integration-errors';

/** What a tenant gets: each field from its override if it has a usable one, else the platform default. */
export interface EffectiveSettings {
  settings: Settings;
  /** Fields whose value comes from the tenant's override. */
  overriddenFields: string[];
  /**
   * Stored overrides not in force: the tenant's plan no longer allows overrides, or the platform
   * has since narrowed an allow-list so the value no longer passes.
   */
  ignoredOverrides: string[];
}

/** The platform's settings for a type: the stored defaults over the definition's own, known fields only. */
export function platformSettings(definition: IntegrationTypeDefinition, stored: Settings): Settings {
  const settings: Settings = {};
  for (const field of fieldNames(definition)) {
    settings[field] = field in stored ? stored[field] : definition.defaults[field];
  }
  return settings;
}

export function effectiveSettings(
  definition: IntegrationTypeDefinition,
  platform: Settings,
  overrides: Settings | undefined,
  overridesAllowed: boolean,
): EffectiveSettings {
  const settings = { ...platform };
  const overriddenFields: string[] = [];
  const ignoredOverrides: string[] = [];
  for (const [field, spec] of Object.entries(definition.overridable)) {
    if (!overrides || !(field in overrides)) continue;
    const candidate = { ...settings, [field]: overrides[field] };
    if (!overridesAllowed || spec.check(overrides[field], candidate) !== undefined) {
      ignoredOverrides.push(field);
      continue;
    }
    settings[field] = overrides[field];
    overriddenFields.push(field);
  }
  return { settings, overriddenFields, ignoredOverrides };
}

/** Every problem with a complete set of settings, platform-only fields first (the rest depend on them). */
export function settingsProblems(definition: IntegrationTypeDefinition, settings: Settings): FieldProblem[] {
  const specs: Array<[string, FieldSpec]> = [...Object.entries(definition.platformOnly), ...Object.entries(definition.overridable)];
  const problems: FieldProblem[] = [];
  for (const [field, spec] of specs) {
    const problem = settings[field] === undefined || settings[field] === null ? 'is required' : spec.check(settings[field], settings);
    if (problem) problems.push({ field, problems: [problem] });
  }
  return problems;
}
