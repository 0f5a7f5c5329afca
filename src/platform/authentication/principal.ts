import type { SubjectRef } from '../authorization/authorization.port';

/** Who is calling: the identity a credential proved, as every use case sees it. */
export interface Principal {
  /** `user` for a session; `api_key` for a machine credential. */
  kind: 'user' | 'api_key';
  /** The credential's owner id: the user id for a session, the key id for an API key. */
  id: string;
  tenantId: string;
  /** The human behind the credential, when there is one. */
  userId?: string;
  /** The subject authorization questions are asked about, e.g. `user:<id>` or `api_key:<id>`. */
  subject: SubjectRef;
  /** The session behind a `user` principal (for logout). */
  sessionId?: string;
  expiresAt?: Date;
  /** What the credential may do, when it is narrower than its owner (API keys). */
  scopes?: string[];
}
