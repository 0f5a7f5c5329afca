import { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * `app_user` does all tenant work and is bound by row-level security; `app_system` is the one
 * explicit cross-tenant role (BYPASSRLS) for administration, bootstrap and jobs. Neither logs in:
 * the service switches with `SET LOCAL ROLE` inside each transaction. Roles are cluster-wide, so
 * they are created only when missing and dropped only when no other database still uses them.
 */
export class DatabaseRoles1732320000001 implements MigrationInterface {
  name = 'DatabaseRoles1732320000001';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`DO $$ BEGIN
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_user') THEN
        CREATE ROLE app_user NOLOGIN NOSUPERUSER NOBYPASSRLS;
      END IF;
      IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'app_system') THEN
        CREATE ROLE app_system NOLOGIN NOSUPERUSER BYPASSRLS;
      END IF;
    END $$`);
    await q.query(`GRANT USAGE ON SCHEMA public TO app_user, app_system`);
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO app_user, app_system`,
    );
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT USAGE, SELECT ON SEQUENCES TO app_user, app_system`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public GRANT EXECUTE ON FUNCTIONS TO app_user, app_system`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(
      `ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE SELECT, INSERT, UPDATE, DELETE ON TABLES FROM app_user, app_system`,
    );
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE USAGE, SELECT ON SEQUENCES FROM app_user, app_system`);
    await q.query(`ALTER DEFAULT PRIVILEGES IN SCHEMA public REVOKE EXECUTE ON FUNCTIONS FROM app_user, app_system`);
    await q.query(`REVOKE USAGE ON SCHEMA public FROM app_user, app_system`);
    // Another database of the cluster may still hold grants to these roles: keep them then.
    await q.query(`DO $$ BEGIN
      DROP ROLE IF EXISTS app_user;
      DROP ROLE IF EXISTS app_system;
    EXCEPTION WHEN dependent_objects_still_exist THEN
      RAISE NOTICE 'app roles still used by another database; kept';
    END $$`);
  }
}
