import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Outbox } from './outbox.port';
import { OutboxHandlers } from './outbox-handlers';
import { OutboxPoller } from './outbox-poller';
import { OutboxRelay } from './outbox-relay';
import { OutboxStore } from './outbox-store';
import { OutboxWriter } from './outbox-writer';

/** The transactional outbox: `Outbox` for producers; handlers are any provider extending OutboxHandler. */
@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxStore, OutboxHandlers, OutboxRelay, OutboxPoller, { provide: Outbox, useClass: OutboxWriter }],
  exports: [Outbox],
})
export class OutboxModule {}
