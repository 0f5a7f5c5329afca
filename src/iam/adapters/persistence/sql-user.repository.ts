import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { Role, User, UserWithCredentials } from '../../domain/iam';
import type { Page, PageRequest } from '../../application/ports/page';
import { NewUser, UserRepository } from '../../application/ports/user.repository';
import { pageClause, positionColumn, toPage, toUser, toUserWithCredentials, USER_COLUMNS } from './rows';

@Injectable()
export class SqlUserRepository extends UserRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async insert(user: NewUser): Promise<User | undefined> {
    // The conflict target is the unique (tenant_id, lower(email)) index: a taken email inserts nothing.
    const rows = await this.tx.manager.query(
      `INSERT INTO users (tenant_id, email, password_hash, role, is_system_admin) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (tenant_id, lower(email)) DO NOTHING RETURNING id`,
      [user.tenantId, user.email, user.passwordHash, user.role, user.isSystemAdmin ?? false],
    );
    return rows.length ? this.findById(rows[0].id) : undefined;
  }

  async findById(id: string): Promise<User | undefined> {
    const rows = await this.tx.manager.query(`SELECT ${USER_COLUMNS} FROM users u WHERE u.id = $1`, [id]);
    return rows.length ? toUser(rows[0]) : undefined;
  }

  async list(tenantId: string, page: PageRequest): Promise<Page<User>> {
    const params: unknown[] = [tenantId];
    const clause = pageClause('u', page, params);
    const rows = await this.tx.manager.query(
      `SELECT ${USER_COLUMNS}, ${positionColumn('u')} FROM users u WHERE u.tenant_id = $1 ${clause}`,
      params,
    );
    return toPage(rows, page, toUser);
  }

  async update(id: string, changes: { role?: Role; disabledAt?: Date | null }): Promise<User | undefined> {
    const setDisabled = changes.disabledAt !== undefined;
    await this.tx.manager.query(
      `UPDATE users SET role = COALESCE($2, role),
         disabled_at = CASE WHEN $3::boolean THEN $4::timestamptz ELSE disabled_at END, updated_at = now()
       WHERE id = $1`,
      [id, changes.role ?? null, setDisabled, changes.disabledAt ?? null],
    );
    return this.findById(id);
  }

  async findForLogin(email: string, tenantId?: string): Promise<UserWithCredentials[]> {
    const rows = await this.tx.manager.query(
      `SELECT ${USER_COLUMNS}, u.password_hash FROM users u
       WHERE lower(u.email) = lower($1) AND u.disabled_at IS NULL AND ($2::uuid IS NULL OR u.tenant_id = $2::uuid)`,
      [email, tenantId ?? null],
    );
    return rows.map(toUserWithCredentials);
  }

  async listAll(): Promise<User[]> {
    const rows = await this.tx.manager.query(`SELECT ${USER_COLUMNS} FROM users u ORDER BY u.created_at, u.id`);
    return rows.map(toUser);
  }
}
