import { Injectable } from '@nestjs/common';
import { TransactionRunner } from '../../../platform';
import type { Session, User } from '../../domain/iam';
import { SessionRepository } from '../../application/ports/session.repository';
import { toUser, USER_COLUMNS } from './rows';

@Injectable()
export class SqlSessionRepository extends SessionRepository {
  constructor(private readonly tx: TransactionRunner) {
    super();
  }

  async insert(session: { tenantId: string; userId: string; tokenHash: string; expiresAt: Date }): Promise<Session> {
    const [row] = await this.tx.manager.query(
      `INSERT INTO sessions (tenant_id, user_id, token_hash, expires_at) VALUES ($1, $2, $3, $4) RETURNING id, expires_at`,
      [session.tenantId, session.userId, session.tokenHash, session.expiresAt],
    );
    return { id: row.id, tenantId: session.tenantId, userId: session.userId, expiresAt: new Date(row.expires_at) };
  }

  async findLive(tokenHash: string, now: Date): Promise<{ session: Session; user: User } | undefined> {
    const rows = await this.tx.manager.query(
      `SELECT s.id AS session_id, s.expires_at AS session_expires_at, ${USER_COLUMNS}
       FROM sessions s JOIN users u ON u.tenant_id = s.tenant_id AND u.id = s.user_id
       WHERE s.token_hash = $1 AND s.revoked_at IS NULL AND s.expires_at > $2 AND u.disabled_at IS NULL`,
      [tokenHash, now],
    );
    if (!rows.length) return undefined;
    const user = toUser(rows[0]);
    const session = { id: rows[0].session_id, tenantId: user.tenantId, userId: user.id, expiresAt: new Date(rows[0].session_expires_at) };
    return { session, user };
  }

  async revoke(sessionId: string, at: Date): Promise<void> {
    await this.tx.manager.query(`UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS NULL`, [sessionId, at]);
  }

  async revokeAllOf(userId: string, at: Date): Promise<void> {
    await this.tx.manager.query(`UPDATE sessions SET revoked_at = $2 WHERE user_id = $1 AND revoked_at IS NULL`, [userId, at]);
  }
}
