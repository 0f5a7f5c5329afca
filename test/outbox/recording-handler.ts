import { DynamicModule, Module } from '@nestjs/common';
import { OutboxHandler } from '../../src/platform';

/** A real outbox handler for one topic that records what it receives, and fails when told to. */
export class RecordingHandler extends OutboxHandler {
  readonly received: Array<Record<string, unknown>> = [];
  /** Every call, failed or not. */
  calls = 0;
  failuresLeft = 0;
  delayMs = 0;

  constructor(readonly topic: string) {
    super();
  }

  async handle(payload: Record<string, unknown>): Promise<void> {
    this.calls += 1;
    if (this.delayMs > 0) await new Promise((resolve) => setTimeout(resolve, this.delayMs));
    if (this.failuresLeft > 0) {
      this.failuresLeft -= 1;
      throw new Error(`${this.topic} handler failed on purpose`);
    }
    this.received.push(payload);
  }
}

@Module({})
class RecordingHandlersModule {}

/** Declares the handlers as providers, the way a feature module would. */
export function recordingHandlers(...handlers: RecordingHandler[]): DynamicModule {
  return {
    module: RecordingHandlersModule,
    providers: handlers.map((handler) => ({ provide: `RecordingHandler:${handler.topic}`, useValue: handler })),
  };
}
