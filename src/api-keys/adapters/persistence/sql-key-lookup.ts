import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { KeyLookup } from '../../application/ports/key-lookup';
import type { VerifiedKey } from '../../application/verified-key';
import { LookupRow, toVerifiedKey } from './api-key-rows';

/** No tenant is known yet: the unit of work runs as app_user bound to no tenant, so only the function can see a key. */
const NO_TENANT = '00000000-0000-0000-0000-000000000000';

/** Reads a key by hash through `api_key_by_hash`, the one SECURITY DEFINER path past row-level security. */
@Injectable()
export class SqlKeyLookup extends KeyLookup {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  findByHash(keyHash: string): Promise<(VerifiedKey & { keyHash: string }) | undefined> {
    return this.tx.inTenant(NO_TENANT, async () => {
      const rows: LookupRow[] = await this.tx.manager.query(`SELECT * FROM api_key_by_hash($1)`, [keyHash]);
      return rows.length ? toVerifiedKey(rows[0]) : undefined;
    });
  }
}
