import { Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { OutboxHandler } from './outbox.port';

/** Every provider extending OutboxHandler, by topic: feature modules just declare theirs. */
@Injectable()
export class OutboxHandlers implements OnApplicationBootstrap {
  private byTopic?: Map<string, OutboxHandler>;

  constructor(private readonly discovery: DiscoveryService) {}

  onApplicationBootstrap(): void {
    this.byTopic = this.discover();
  }

  forTopic(topic: string): OutboxHandler | undefined {
    this.byTopic ??= this.discover();
    return this.byTopic.get(topic);
  }

  private discover(): Map<string, OutboxHandler> {
    const handlers = new Map<string, OutboxHandler>();
    for (const wrapper of this.discovery.getProviders()) {
      const instance: unknown = wrapper.instance;
      if (!(instance instanceof OutboxHandler) || handlers.get(instance.topic) === instance) continue;
      // Two handlers for one topic would make delivery depend on module order: refuse to start.
      if (handlers.has(instance.topic)) throw new Error(`two outbox handlers for topic "${instance.topic}"`);
      handlers.set(instance.topic, instance);
    }
    return handlers;
  }
}
