import type { Settings } from '../../domain/integration-type';

/** What a provider said when asked; never its response body (it may repeat part of the key). */
export interface ProviderCheck {
  ok: boolean;
  /** A stable reason when not ok: PROVIDER_UNREACHABLE, PROVIDER_REJECTED_KEY, PROVIDER_ERROR, MODEL_UNAVAILABLE. */
  reason?: string;
  /** The provider's HTTP status, when it answered. */
  providerStatus?: number;
  latencyMs: number;
}

/** Calls an integration's provider to check that it answers with this secret and these settings. */
export abstract class IntegrationProvider {
  abstract test(type: string, settings: Settings, secret: string): Promise<ProviderCheck>;
}
