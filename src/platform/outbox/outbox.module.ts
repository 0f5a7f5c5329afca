import { Global, Module } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Outbox } from './outbox.port';
import { OutboxPoller } from './outbox-poller';
import { OutboxRelay } from './outbox-relay';
import { OutboxWriter } from './outbox-writer';

@Global()
@Module({
  imports: [DiscoveryModule],
  providers: [OutboxRelay, OutboxPoller, { provide: Outbox, useClass: OutboxWriter }],
  exports: [Outbox],
})
export class OutboxModule {}
