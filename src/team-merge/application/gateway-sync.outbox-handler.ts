import { Injectable } from '@nestjs/common';
import { OutboxHandler } from '../../platform';
import { GATEWAY_SYNC_TOPIC, GatewayCall } from './gateway-sync';
import { LlmGateway } from './ports/llm-gateway';

/** Delivers queued gateway calls; a failure leaves the message queued for the outbox to retry. */
@Injectable()
export class GatewaySyncOutboxHandler extends OutboxHandler {
  readonly topic = GATEWAY_SYNC_TOPIC;

  constructor(private readonly gateway: LlmGateway) {
    super();
  }

  async handle(payload: Record<string, unknown>): Promise<void> {
    const call = payload as GatewayCall;
    // Queued while a gateway was configured, delivered after it was removed: nothing left to keep in step.
    if (!this.gateway.enabled) return;
    if (call.op === 'move') await this.gateway.moveKey(call.key_id, call.team_id);
    else if (call.op === 'delete') await this.gateway.deleteKeys([call.key_id]);
    else throw new Error(`unknown gateway call ${JSON.stringify(payload)}`);
  }
}
