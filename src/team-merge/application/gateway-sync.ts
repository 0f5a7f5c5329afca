import { Outbox } from '../../platform';

/** Topic of gateway calls; one message is one call, so a retry repeats nothing already delivered. */
export const GATEWAY_SYNC_TOPIC = 'litellm.keys';

export type GatewayCall = { op: 'move'; key_id: string; team_id: string } | { op: 'delete'; key_id: string };

/** Queues one gateway call per key in the current unit of work: they go out only if it commits. */
export async function enqueueGatewayCalls(outbox: Outbox, calls: GatewayCall[]): Promise<void> {
  for (const call of calls) await outbox.enqueue(GATEWAY_SYNC_TOPIC, { ...call });
}
