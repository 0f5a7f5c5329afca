import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { LastUsedStore } from '../../application/ports/last-used-store';

/** One statement per batch, across tenants: the write-behind runs as the system, outside any request. */
@Injectable()
export class SqlLastUsedStore extends LastUsedStore {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async record(uses: Map<string, Date>): Promise<void> {
    if (uses.size === 0) return;
    const ids = [...uses.keys()];
    const times = ids.map((id) => uses.get(id));
    await this.tx.asSystem(() =>
      this.tx.manager.query(
        `UPDATE api_keys k SET last_used_at = v.used_at
         FROM unnest($1::uuid[], $2::timestamptz[]) AS v(id, used_at)
         WHERE k.id = v.id AND (k.last_used_at IS NULL OR k.last_used_at < v.used_at)`,
        [ids, times],
      ),
    );
  }
}
