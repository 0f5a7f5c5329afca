import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The transactional outbox: messages written in the same transaction as the change they announce,
 * delivered afterwards in `position` order within a topic. Platform-wide (no tenant), written by app_user too.
 */
export class Outbox1732320000003 implements MigrationInterface {
  name = 'Outbox1732320000003';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE outbox (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      position bigint GENERATED ALWAYS AS IDENTITY UNIQUE,
      topic text NOT NULL,
      payload jsonb NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      available_at timestamptz NOT NULL DEFAULT now(),
      attempts integer NOT NULL DEFAULT 0,
      last_error text,
      processed_at timestamptz
    )`);
    // The relay's claim: each topic's oldest pending message, then the pending ones in order.
    await q.query(`CREATE INDEX outbox_pending_idx ON outbox (topic, position) WHERE processed_at IS NULL`);
    // What is due (and how late it is), for the relay and for whoever watches the backlog.
    await q.query(`CREATE INDEX outbox_due_idx ON outbox (available_at) WHERE processed_at IS NULL`);
    // The identity column's sequence is not covered by the default privileges on sequences in every version.
    await q.query(`GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO app_user, app_system`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE outbox`);
  }
}
