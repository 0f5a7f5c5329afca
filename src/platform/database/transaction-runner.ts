import { Injectable } from '@nestjs/common';
import { TransactionHost } from '@nestjs-cls/transactional';
import { TransactionalAdapterTypeOrm } from '@nestjs-cls/transactional-adapter-typeorm';
import { ClsService } from 'nestjs-cls';
import { EntityManager } from 'typeorm';

type DbContext = { role: 'app_user'; tenantId: string } | { role: 'app_system'; tenantId?: undefined };
const CONTEXT = 'gatehouse.db.context';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Every database access runs inside one of these units of work: a transaction that first sets
 * its role (`SET LOCAL ROLE`) and tenant (`set_config(..., true)`), both transaction-local, so
 * nothing leaks to the next user of a pooled connection (or of embedded PostgreSQL's one session).
 */
@Injectable()
export class TransactionRunner {
  constructor(
    private readonly txHost: TransactionHost<TransactionalAdapterTypeOrm>,
    private readonly cls: ClsService,
  ) {}

  /** Runs `work` in one transaction as `app_user`, seeing only `tenantId`'s rows. */
  inTenant<T>(tenantId: string, work: () => Promise<T>): Promise<T> {
    if (!UUID.test(tenantId)) throw new Error(`tenant id must be a UUID, got "${tenantId}"`);
    return this.run({ role: 'app_user', tenantId }, work);
  }

  /** Runs `work` in one transaction as `app_system`: the explicit cross-tenant path. */
  asSystem<T>(work: () => Promise<T>): Promise<T> {
    return this.run({ role: 'app_system' }, work);
  }

  /** The current unit of work's entity manager; outside one, a programming error. */
  get manager(): EntityManager {
    if (!this.current()) throw new Error('database access outside a unit of work (inTenant / asSystem)');
    return this.txHost.tx;
  }

  /** The tenant of the current unit of work, if it is a tenant one. */
  get tenantId(): string | undefined {
    return this.current()?.tenantId;
  }

  private current(): DbContext | undefined {
    return this.cls.isActive() ? this.cls.get<DbContext | undefined>(CONTEXT) : undefined;
  }

  private run<T>(context: DbContext, work: () => Promise<T>): Promise<T> {
    const outer = this.current();
    if (outer) {
      if (outer.role === context.role && outer.tenantId === context.tenantId) return work();
      throw new Error(`a unit of work as ${describe(outer)} cannot nest one as ${describe(context)}`);
    }
    return this.txHost.withTransaction(async () => {
      this.cls.set(CONTEXT, context);
      await this.txHost.tx.query(`SET LOCAL ROLE ${context.role}`);
      if (context.tenantId) {
        await this.txHost.tx.query(`SELECT set_config('app.current_tenant', $1, true)`, [context.tenantId]);
      }
      return work();
    });
  }
}

function describe(context: DbContext): string {
  return context.tenantId ? `${context.role} of tenant ${context.tenantId}` : context.role;
}
