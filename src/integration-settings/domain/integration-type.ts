/** Settings of one integration: JSON values by field name. */
export type Settings = Record<string, unknown>;

/** How one field is validated; every definition is made of these. */
export interface FieldSpec {
  /**
   * What is wrong with `value`, given the other settings in force (allow-lists, the chosen model),
   * or undefined when it is acceptable. Never repeats the value: messages reach responses.
   */
  check(value: unknown, settings: Settings): string | undefined;
}

/** One integration type, defined in one place: adding a type is adding one of these to the registry. */
export interface IntegrationTypeDefinition {
  readonly name: string;
  /**
   * Fields a tenant may override, checked in this order: a field may depend on one before it
   * (max_tokens on model).
   */
  readonly overridable: Readonly<Record<string, FieldSpec>>;
  /** Fields only the platform sets: the allow-lists and limits the overridable ones are checked against. */
  readonly platformOnly: Readonly<Record<string, FieldSpec>>;
  /** The platform defaults seeded on first start, and the fallback for a field added later. */
  readonly defaults: Readonly<Settings>;
  /** Names of the provider secrets the platform holds for this type. */
  readonly secrets: readonly string[];
  /** Which of `secrets` the provider needs under these effective settings. */
  secretFor(settings: Settings): string;
}

export function fieldNames(definition: IntegrationTypeDefinition): string[] {
  return [...Object.keys(definition.platformOnly), ...Object.keys(definition.overridable)];
}
