/**
 * The LLM gateway that mirrors our API keys (a LiteLLM proxy), addressed by our key ids. Calls
 * must be idempotent: they are retried by the outbox until they succeed.
 */
export abstract class LlmGateway {
  /** False when no gateway is configured: nothing is queued for it. */
  abstract readonly enabled: boolean;
  /** Moves the mirrored key to the gateway's counterpart of our team. */
  abstract moveKey(keyId: string, teamId: string): Promise<void>;
  /** Removes mirrored keys; keys the gateway does not know count as removed. */
  abstract deleteKeys(keyIds: string[]): Promise<void>;
}
