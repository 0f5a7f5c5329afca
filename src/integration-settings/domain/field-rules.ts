import type { FieldSpec, Settings } from './integration-type';

/** Reusable field checks; their messages describe the rule, never the rejected value. */

export function numberBetween(min: number, max: number): FieldSpec {
  return {
    check: (value) =>
      typeof value !== 'number' || !Number.isFinite(value) || value < min || value > max ? `must be a number from ${min} to ${max}` : undefined,
  };
}

export function integerBetween(min: number, max: (settings: Settings) => number | undefined): FieldSpec {
  return {
    check: (value, settings) => {
      const upper = max(settings);
      if (upper === undefined) return 'has no limit to be checked against';
      return typeof value !== 'number' || !Number.isInteger(value) || value < min || value > upper
        ? `must be a whole number from ${min} to ${upper}`
        : undefined;
    },
  };
}

export function oneOf(allowed: readonly string[]): FieldSpec {
  return {
    check: (value) => (typeof value === 'string' && allowed.includes(value) ? undefined : `must be one of: ${allowed.join(', ')}`),
  };
}

/** A string from a list held in another setting (an allow-list the platform maintains). */
export function oneOfSetting(allowed: (settings: Settings) => string[], what: string): FieldSpec {
  return {
    check: (value, settings) => {
      const list = allowed(settings);
      return typeof value === 'string' && list.includes(value) ? undefined : `must be one of the allowed ${what}: ${list.join(', ')}`;
    },
  };
}

export function matching(pattern: RegExp, description: string): FieldSpec {
  return { check: (value) => (typeof value === 'string' && pattern.test(value) ? undefined : `must be ${description}`) };
}

/** A non-empty list of distinct strings, each from an allow-list held in another setting. */
export function subsetOfSetting(allowed: (settings: Settings) => string[], what: string): FieldSpec {
  return {
    check: (value, settings) => {
      const list = allowed(settings);
      const ok =
        Array.isArray(value) &&
        value.length > 0 &&
        new Set(value).size === value.length &&
        value.every((item) => typeof item === 'string' && list.includes(item));
      return ok ? undefined : `must be a non-empty list of distinct ${what} from: ${list.join(', ')}`;
    },
  };
}

/** A non-empty list of at most `max` distinct strings, each matching `pattern`. */
export function distinctList(pattern: RegExp, max: number, description: string): FieldSpec {
  return {
    check: (value) => {
      const ok =
        Array.isArray(value) &&
        value.length > 0 &&
        value.length <= max &&
        new Set(value).size === value.length &&
        value.every((item) => typeof item === 'string' && pattern.test(item));
      return ok ? undefined : `must be a list of 1 to ${max} distinct ${description}`;
    },
  };
}

export function stringsIn(settings: Settings, field: string): string[] {
  const value = settings[field];
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === 'string') : [];
}
