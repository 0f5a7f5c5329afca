import { bearer, createTenant, loginAsAdmin, startIamApp } from '../support/iam-fixtures';
import type { TestApp } from '../support/test-app';
import { describeOnServer } from '../support/test-database';

describeOnServer('Concurrent override changes of one tenant', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startIamApp({ env: { GATEHOUSE_DB_POOL_SIZE: '8' } });
  });
  afterAll(() => t?.close());

  it('applies simultaneous partial changes one after the other: none is lost, even the first ones', async () => {
    const systemToken = await loginAsAdmin(t);
    for (let round = 0; round < 5; round++) {
      const tenant = await createTenant(t, systemToken);
      const url = `/v1/tenants/${tenant.id}/integrations/openai`;
      const patches = [{ model: 'gpt-4o' }, { temperature: 0.1 * (round + 1) }, { max_tokens: 2000 + round }];
      const answers = await Promise.all(patches.map((patch) => t.http.put(url).set(bearer(tenant.admin.token)).send(patch)));
      expect(answers.map((r) => r.status)).toEqual([200, 200, 200]);
      const rows = await t.dataSource.query(`SELECT config FROM integration_settings WHERE tenant_id = $1`, [tenant.id]);
      expect(rows).toEqual([{ config: { model: 'gpt-4o', temperature: 0.1 * (round + 1), max_tokens: 2000 + round } }]);
      const audit = await t.http.get(`/v1/tenants/${tenant.id}/integrations/audit`).set(bearer(tenant.admin.token)).expect(200);
      expect(audit.body.items).toHaveLength(3);
    }
  });
});
