import { BeforeApplicationShutdown, Injectable, OnApplicationBootstrap } from '@nestjs/common';
import { AppConfig } from '../config/app-config';
import { OutboxRelay } from './outbox-relay';

/** Polls the outbox every GATEHOUSE_OUTBOX_POLL_MS while the application runs. */
@Injectable()
export class OutboxPoller implements OnApplicationBootstrap, BeforeApplicationShutdown {
  private timer?: NodeJS.Timeout;

  constructor(
    private readonly relay: OutboxRelay,
    private readonly config: AppConfig,
  ) {}

  onApplicationBootstrap(): void {
    // Unref'd: a pending poll never keeps the process alive on its own.
    this.timer = setInterval(() => this.relay.poll(), this.config.outbox.pollIntervalMs);
    this.timer.unref();
  }

  async beforeApplicationShutdown(): Promise<void> {
    clearInterval(this.timer);
    this.timer = undefined;
    // Let a delivery in progress finish before the database and SpiceDB close.
    await this.relay.idle();
  }
}
