import type { Clock } from '../../../platform';
import { ReminderClaim, ReminderDeliveryStore } from './reminder-delivery.store';

/**
 * A claimed batch's lease, pushed out again while the run makes progress: once half of it has
 * passed, the next reported delivery renews it for every row the run still holds. A slow batch
 * (a sluggish SMTP server) therefore keeps its rows, while a run that died stops renewing and its
 * rows go to the next run when the lease ends. Rows another run has taken meanwhile are dropped.
 */
export class BatchLease {
  private readonly held: Set<string>;
  private renewedAt: Date;

  constructor(
    readonly claim: ReminderClaim,
    ids: string[],
    private readonly store: ReminderDeliveryStore,
    private readonly clock: Clock,
    private readonly leaseMs: number,
  ) {
    this.held = new Set(ids);
    this.renewedAt = claim.now;
  }

  holds(id: string): boolean {
    return this.held.has(id);
  }

  /** The delivery is settled (sent or failed): no longer ours to renew. */
  release(id: string): void {
    this.held.delete(id);
  }

  async keepAlive(): Promise<void> {
    const now = this.clock.now();
    if (this.held.size === 0 || now.getTime() - this.renewedAt.getTime() < this.leaseMs / 2) return;
    const until = new Date(now.getTime() + this.leaseMs);
    const still = new Set(await this.store.renew(this.claim, until));
    for (const id of [...this.held]) if (!still.has(id)) this.held.delete(id);
    this.renewedAt = now;
  }
}
