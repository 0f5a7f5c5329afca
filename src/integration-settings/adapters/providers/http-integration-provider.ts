import { randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { AppConfig, Clock } from '../../../platform';
import type { Settings } from '../../domain/integration-type';
import { IntegrationProvider, ProviderCheck } from '../../application/ports/integration-provider';

type Outcome = Omit<ProviderCheck, 'latencyMs'>;

/**
 * Asks the real provider over HTTP: OpenAI-compatible APIs list their models (GET /models with the
 * key as bearer) and must list the effective model; Runware answers an authentication task. Only
 * the status is kept: a provider's error body can repeat part of the key.
 */
@Injectable()
export class HttpIntegrationProvider extends IntegrationProvider {
  constructor(
    private readonly config: AppConfig,
    private readonly clock: Clock,
  ) {
    super();
  }

  async test(type: string, settings: Settings, secret: string): Promise<ProviderCheck> {
    const started = this.clock.now().getTime();
    let outcome: Outcome;
    try {
      outcome = type === 'image_generation' && settings['service'] === 'runware' ? await this.runware(secret) : await this.openai(settings, secret);
    } catch {
      // Network failure or timeout; the error itself may name the request, so it goes no further.
      outcome = { ok: false, reason: 'PROVIDER_UNREACHABLE' };
    }
    return { ...outcome, latencyMs: Math.max(0, this.clock.now().getTime() - started) };
  }

  private async openai(settings: Settings, secret: string): Promise<Outcome> {
    const response = await fetch(`${trimSlash(this.config.integrations.openaiBaseUrl)}/models`, {
      headers: { authorization: `Bearer ${secret}`, accept: 'application/json' },
      signal: AbortSignal.timeout(this.config.integrations.providerTimeoutMs),
    });
    if (!response.ok) return failed(response.status);
    const body = (await response.json().catch(() => ({}))) as { data?: Array<{ id?: unknown }> };
    const models = Array.isArray(body.data) ? body.data.map((m) => m.id) : [];
    if (!models.includes(settings['model'])) return { ok: false, reason: 'MODEL_UNAVAILABLE', providerStatus: response.status };
    return { ok: true, providerStatus: response.status };
  }

  private async runware(secret: string): Promise<Outcome> {
    const response = await fetch(trimSlash(this.config.integrations.runwareBaseUrl), {
      method: 'POST',
      headers: { 'content-type': 'application/json', accept: 'application/json' },
      body: JSON.stringify([{ taskType: 'authentication', apiKey: secret, taskUUID: randomUUID() }]),
      signal: AbortSignal.timeout(this.config.integrations.providerTimeoutMs),
    });
    if (!response.ok) return failed(response.status);
    const body = (await response.json().catch(() => ({}))) as { errors?: unknown[] };
    if (Array.isArray(body.errors) && body.errors.length > 0) return { ok: false, reason: 'PROVIDER_REJECTED_KEY', providerStatus: response.status };
    return { ok: true, providerStatus: response.status };
  }
}

function failed(status: number): Outcome {
  return { ok: false, reason: status === 401 || status === 403 ? 'PROVIDER_REJECTED_KEY' : 'PROVIDER_ERROR', providerStatus: status };
}

function trimSlash(url: string): string {
  return url.replace(/\/+$/, '');
}
