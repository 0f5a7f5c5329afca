import { Injectable } from '@nestjs/common';
import { AppConfig } from '../../../platform';
import { LlmGateway } from '../../application/ports/llm-gateway';

/**
 * LiteLLM proxy admin API. The proxy mirrors each of our keys under our key id (its `key_alias`),
 * and names teams `<region>_<team id>`. Unset LITELLM_URL: disabled, never called.
 */
@Injectable()
export class LiteLlmGateway extends LlmGateway {
  readonly enabled: boolean;

  constructor(private readonly config: AppConfig) {
    super();
    this.enabled = config.litellm.url !== undefined;
  }

  async moveKey(keyId: string, teamId: string): Promise<void> {
    // 404: the proxy does not mirror this key, so there is nothing to move (and retrying would block the topic).
    await this.post('/key/update', { key: keyId, team_id: `${this.config.litellm.teamRegion}_${teamId}` }, [404]);
  }

  async deleteKeys(keyIds: string[]): Promise<void> {
    if (keyIds.length === 0) return;
    await this.post('/key/delete', { keys: keyIds }, [404]);
  }

  private async post(path: string, body: unknown, alsoFine: number[] = []): Promise<void> {
    const { url, masterKey, timeoutMs } = this.config.litellm;
    if (!url || !masterKey) throw new Error('LiteLLM gateway is not configured (LITELLM_URL, LITELLM_MASTER_KEY)');
    const response = await fetch(`${url.replace(/\/+$/, '')}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${masterKey}` },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(timeoutMs),
    });
    await response.arrayBuffer();
    // The master key is never part of the message: it would land in the outbox's last_error.
    if (!response.ok && !alsoFine.includes(response.status)) throw new Error(`LiteLLM ${path} answered ${response.status}`);
  }
}
