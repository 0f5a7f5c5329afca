import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { TransactionRunner } from '../../src/platform/database/transaction-runner';
import { onServer } from '../support/test-database';
import { startTestApp } from '../support/test-app';

const describeEmbedded = onServer ? describe.skip : describe;

describeEmbedded('Embedded PostgreSQL under GATEHOUSE_DATA_DIR', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'gatehouse-data-'));
  afterAll(() => rmSync(dataDir, { recursive: true, force: true }));

  it('keeps its data across a restart', async () => {
    const tenant = randomUUID();
    const database = { env: { GATEHOUSE_DATA_DIR: dataDir }, drop: async () => undefined };
    const first = await startTestApp({ database });
    const tx = first.app.get(TransactionRunner);
    await tx.inTenant(tenant, () =>
      tx.manager.query(`INSERT INTO audit_log (tenant_id, actor_type, action, resource_type) VALUES ($1, 'system', 'kept', 'test')`, [tenant]),
    );
    await first.close();

    const second = await startTestApp({ database });
    try {
      const tx2 = second.app.get(TransactionRunner);
      const rows = await tx2.inTenant(tenant, () => tx2.manager.query(`SELECT action FROM audit_log`));
      expect(rows).toEqual([{ action: 'kept' }]);
      await second.http.get('/ready').expect(200, { status: 'ready', database: 'embedded' });
    } finally {
      await second.close();
    }
  });
});
