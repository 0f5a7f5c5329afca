import type { Session, User } from '../../domain/iam';

/** Sessions, found by the hash of their token (the token itself is never stored). */
export abstract class SessionRepository {
  abstract insert(session: { tenantId: string; userId: string; tokenHash: string; expiresAt: Date }): Promise<Session>;
  /** The live session (not revoked, not expired at `now`) of an enabled user. */
  abstract findLive(tokenHash: string, now: Date): Promise<{ session: Session; user: User } | undefined>;
  abstract revoke(sessionId: string, at: Date): Promise<void>;
  abstract revokeAllOf(userId: string, at: Date): Promise<void>;
}
