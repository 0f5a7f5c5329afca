import { Injectable } from '@nestjs/common';
import { Outbox, TransactionRunner } from '../../platform';

/**
 * One use case = one transaction. Writes deliver their queued outbox messages right after the
 * commit, so the caller's next request is authorized against what it just changed.
 */
@Injectable()
export class UnitOfWork {
  constructor(
    private readonly tx: TransactionRunner,
    private readonly outbox: Outbox,
  ) {}

  read<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    return this.tx.inTenant(tenantId, work);
  }

  readAsSystem<T>(work: () => Promise<T>): Promise<T> {
    return this.tx.asSystem(work);
  }

  async write<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    const result = await this.tx.inTenant(tenantId, work);
    await this.outbox.flush();
    return result;
  }

  async writeAsSystem<T>(work: () => Promise<T>): Promise<T> {
    const result = await this.tx.asSystem(work);
    await this.outbox.flush();
    return result;
  }
}
