import type { IntegrationTypeDefinition } from './integration-type';
import { IntegrationTypeNotFound } from './integration-errors';
import { imageGenerationIntegration } from './types/image-generation.integration';
import { openaiIntegration } from './types/openai.integration';

/** Every integration type the platform knows. */
export const INTEGRATION_TYPES: readonly IntegrationTypeDefinition[] = [openaiIntegration, imageGenerationIntegration];

const BY_NAME = new Map(INTEGRATION_TYPES.map((definition) => [definition.name, definition]));

export function integrationType(name: string): IntegrationTypeDefinition {
  const definition = BY_NAME.get(name);
  if (!definition) throw new IntegrationTypeNotFound();
  return definition;
}
