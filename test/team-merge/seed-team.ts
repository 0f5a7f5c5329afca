import { TransactionRunner } from '../../src/platform';

/**
 * Adds `count` keys owned by `userId` to a team straight in SQL (set-based): enough rows to make a
 * merge take a while, without issuing each key through the API. The hashes are random, never usable.
 */
export function seedTeamKeys(tx: TransactionRunner, tenantId: string, teamId: string, userId: string, count: number, prefix = 'bulk'): Promise<void> {
  return tx.asSystem(async () => {
    await tx.manager.query(
      `INSERT INTO api_keys (tenant_id, user_id, team_id, name, key_type, key_prefix, key_hash)
       SELECT $1, $2, $3, $4 || '-' || g, 'secret', 'sk_seed', md5(gen_random_uuid()::text) || md5(gen_random_uuid()::text)
       FROM generate_series(1, $5) AS g`,
      [tenantId, userId, teamId, prefix, count],
    );
  });
}
