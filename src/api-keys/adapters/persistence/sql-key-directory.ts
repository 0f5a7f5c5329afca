import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { KeyDirectory, KeyWhereabouts } from '../../application/ports/key-directory';

@Injectable()
export class SqlKeyDirectory extends KeyDirectory {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async whereabouts(tenantId: string, ownerId: string, teamId: string | null): Promise<KeyWhereabouts> {
    const rows: Array<{ tenant_name: string | null; owner_email: string | null; team_name: string | null }> = await this.tx.manager.query(
      `SELECT (SELECT name FROM tenants WHERE id = $1) AS tenant_name,
              (SELECT email FROM users WHERE id = $2) AS owner_email,
              (SELECT name FROM teams WHERE id = $3::uuid) AS team_name`,
      [tenantId, ownerId, teamId],
    );
    const row = rows[0];
    return { tenantName: row?.tenant_name ?? null, ownerEmail: row?.owner_email ?? null, teamName: row?.team_name ?? null };
  }
}
