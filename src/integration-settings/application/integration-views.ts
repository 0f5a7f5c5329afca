import type { Settings } from '../domain/integration-type';

/** What may be shown about a provider secret: never the secret, nor anything it could be derived from. */
export interface SecretStatus {
  set: boolean;
  fingerprint: string | null;
  updatedAt: Date | null;
}

/** A type's platform settings, as system administrators see them. */
export interface PlatformIntegrationView {
  type: string;
  enabled: boolean;
  defaults: Settings;
  secrets: Record<string, SecretStatus>;
  updatedAt: Date;
  updatedBy: string | null;
}

/** A type's settings as one tenant gets them. Says nothing about secrets. */
export interface TenantIntegrationView {
  type: string;
  enabled: boolean;
  settings: Settings;
  usingGlobal: boolean;
  overriddenFields: string[];
  ignoredOverrides: string[];
  overridableFields: string[];
  overridesAllowed: boolean;
  /** When the tenant's overrides last changed; null when it has none. */
  overridesUpdatedAt: Date | null;
}

/** The effective settings with the decrypted provider secret: server-side callers only. */
export interface ResolvedIntegration {
  type: string;
  settings: Settings;
  secret: { name: string; value: string };
}
