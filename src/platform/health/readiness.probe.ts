import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DomainError } from '../kernel';
import { GatehouseDataSource } from '../database/open-data-source';

class NotReady extends DomainError {
  readonly code = 'NOT_READY';
  readonly kind = 'unavailable';
}

/** Ready = the database answers and has every migration this build knows. */
@Injectable()
export class ReadinessProbe {
  constructor(@InjectDataSource() private readonly dataSource: GatehouseDataSource) {}

  async check(): Promise<{ status: 'ready'; database: 'embedded' | 'server' }> {
    let pending: boolean;
    try {
      pending = await this.dataSource.showMigrations();
    } catch {
      throw new NotReady('Database unreachable');
    }
    if (pending) throw new NotReady('Database has pending migrations');
    return { status: 'ready', database: this.dataSource.isEmbedded ? 'embedded' : 'server' };
  }
}
