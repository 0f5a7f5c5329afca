import { MigrationInterface, QueryRunner } from 'typeorm';
import { disableTenantIsolation, enableTenantIsolation } from '../src/platform/database/rls';

/**
 * Identity and access: tenants, users, sessions, workspaces (a tree per tenant), teams, the product
 * catalogue. Children reference `(tenant_id, id)` of their parents, so a row can never point into
 * another tenant; everything a tenant owns goes with it (ON DELETE CASCADE), except the workspace
 * tree, whose parent link is RESTRICT: deletion walks it children first.
 */
export class Iam1732320000004 implements MigrationInterface {
  name = 'Iam1732320000004';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE tenants (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CONSTRAINT tenants_name_key UNIQUE,
      plan text NOT NULL DEFAULT 'free' CHECK (plan IN ('free', 'pro', 'enterprise')),
      api_key_policy jsonb NOT NULL DEFAULT '{}'::jsonb,
      settings jsonb NOT NULL DEFAULT '{}'::jsonb,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE users (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      email text NOT NULL,
      password_hash text NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'member')),
      is_system_admin boolean NOT NULL DEFAULT false,
      disabled_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT users_tenant_id_id_key UNIQUE (tenant_id, id)
    )`);
    await q.query(`CREATE UNIQUE INDEX users_tenant_email_key ON users (tenant_id, lower(email))`);
    await q.query(`CREATE INDEX users_email_idx ON users (lower(email))`);
    await q.query(`CREATE TABLE sessions (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      user_id uuid NOT NULL,
      token_hash text NOT NULL CONSTRAINT sessions_token_hash_key UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now(),
      expires_at timestamptz NOT NULL,
      revoked_at timestamptz,
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX sessions_user_idx ON sessions (tenant_id, user_id) WHERE revoked_at IS NULL`);
    await q.query(`CREATE TABLE workspaces (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      parent_workspace_id uuid,
      name text NOT NULL,
      is_root boolean NOT NULL DEFAULT false,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT workspaces_tenant_id_id_key UNIQUE (tenant_id, id),
      CONSTRAINT workspaces_parent_fkey FOREIGN KEY (tenant_id, parent_workspace_id)
        REFERENCES workspaces (tenant_id, id) ON DELETE RESTRICT,
      CONSTRAINT workspaces_root_has_no_parent CHECK (is_root = (parent_workspace_id IS NULL))
    )`);
    await q.query(`CREATE UNIQUE INDEX workspaces_one_root_key ON workspaces (tenant_id) WHERE is_root`);
    await q.query(`CREATE INDEX workspaces_parent_idx ON workspaces (tenant_id, parent_workspace_id)`);
    await q.query(`CREATE TABLE teams (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL REFERENCES tenants (id) ON DELETE CASCADE,
      name text NOT NULL,
      created_at timestamptz NOT NULL DEFAULT now(),
      updated_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT teams_tenant_id_id_key UNIQUE (tenant_id, id)
    )`);
    await q.query(`CREATE UNIQUE INDEX teams_tenant_name_key ON teams (tenant_id, lower(name))`);
    await q.query(`CREATE TABLE team_members (
      tenant_id uuid NOT NULL,
      team_id uuid NOT NULL,
      user_id uuid NOT NULL,
      role text NOT NULL CHECK (role IN ('admin', 'member')),
      created_at timestamptz NOT NULL DEFAULT now(),
      PRIMARY KEY (team_id, user_id),
      FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE INDEX team_members_user_idx ON team_members (tenant_id, user_id)`);
    await q.query(`CREATE TABLE workspace_members (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      tenant_id uuid NOT NULL,
      workspace_id uuid NOT NULL,
      user_id uuid,
      team_id uuid,
      role text NOT NULL CHECK (role IN ('admin', 'member')),
      created_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT workspace_members_one_subject CHECK ((user_id IS NULL) <> (team_id IS NULL)),
      FOREIGN KEY (tenant_id, workspace_id) REFERENCES workspaces (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id) ON DELETE CASCADE,
      FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE
    )`);
    await q.query(`CREATE UNIQUE INDEX workspace_members_user_key ON workspace_members (workspace_id, user_id) WHERE user_id IS NOT NULL`);
    await q.query(`CREATE UNIQUE INDEX workspace_members_team_key ON workspace_members (workspace_id, team_id) WHERE team_id IS NOT NULL`);
    // The catalogue is global (no tenant): only system administrators change it.
    await q.query(`CREATE TABLE products (
      id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
      name text NOT NULL CONSTRAINT products_name_key UNIQUE,
      created_at timestamptz NOT NULL DEFAULT now()
    )`);
    await q.query(`CREATE TABLE team_products (
      tenant_id uuid NOT NULL,
      team_id uuid NOT NULL,
      product_id uuid NOT NULL REFERENCES products (id) ON DELETE RESTRICT,
      active boolean NOT NULL DEFAULT true,
      attached_at timestamptz NOT NULL DEFAULT now(),
      detached_at timestamptz,
      PRIMARY KEY (team_id, product_id),
      FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE
    )`);
    // The tenants table is isolated by its own id; the rest by tenant_id.
    for (const sql of enableTenantIsolation('tenants', 'id')) await q.query(sql);
    for (const table of TENANT_TABLES) for (const sql of enableTenantIsolation(table)) await q.query(sql);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const table of [...TENANT_TABLES].reverse()) for (const sql of disableTenantIsolation(table)) await q.query(sql);
    for (const sql of disableTenantIsolation('tenants')) await q.query(sql);
    for (const table of ['team_products', 'products', 'workspace_members', 'team_members', 'teams', 'workspaces', 'sessions', 'users', 'tenants']) {
      await q.query(`DROP TABLE ${table}`);
    }
  }
}

const TENANT_TABLES = ['users', 'sessions', 'workspaces', 'teams', 'team_members', 'workspace_members', 'team_products'];
