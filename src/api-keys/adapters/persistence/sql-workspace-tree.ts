import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import { WorkspaceTree } from '../../application/ports/workspace-tree';

/** Reads the workspaces table in the current tenant transaction (row-level security bounds it to the tenant). */
@Injectable()
export class SqlWorkspaceTree extends WorkspaceTree {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async ancestorsOf(id: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.tx.manager.query(
      `WITH RECURSIVE up(id, parent_workspace_id, depth) AS (
         SELECT id, parent_workspace_id, 0 FROM workspaces WHERE id = $1
         UNION ALL
         SELECT w.id, w.parent_workspace_id, up.depth + 1 FROM workspaces w JOIN up ON w.id = up.parent_workspace_id
       ) SELECT id FROM up ORDER BY depth`,
      [id],
    );
    return rows.map((row) => row.id);
  }
}
