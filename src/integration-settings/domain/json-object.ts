import { InvalidIntegrationSettings } from './integration-errors';

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** A request body or part of one that must be a JSON object. */
export function requireObject(value: unknown, field: string): JsonObject {
  if (!isJsonObject(value)) throw new InvalidIntegrationSettings([{ field, problems: ['must be a JSON object'] }]);
  return value;
}
