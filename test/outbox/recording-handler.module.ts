import { Injectable, Module } from '@nestjs/common';
import { OutboxHandler } from '../../src/platform';

export const RECORDED_TOPIC = 'test.recorded';

/** An outbox handler that records what it is given and fails while told to. */
@Injectable()
export class RecordingHandler extends OutboxHandler {
  readonly topic = RECORDED_TOPIC;
  readonly received: Array<Record<string, unknown>> = [];
  failing = false;

  async handle(payload: Record<string, unknown>): Promise<void> {
    if (this.failing) throw new Error('receiver unavailable');
    this.received.push(payload);
  }
}

@Module({ providers: [RecordingHandler] })
export class RecordingHandlerModule {}
