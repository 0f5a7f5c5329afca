/** Plain records of the identity model, as use cases pass them around. */

export const PLANS = ['free', 'pro', 'enterprise'] as const;
export type Plan = (typeof PLANS)[number];

export const ROLES = ['admin', 'member'] as const;
export type Role = (typeof ROLES)[number];

export interface Tenant {
  id: string;
  name: string;
  plan: Plan;
  apiKeyPolicy: Record<string, unknown>;
  settings: Record<string, unknown>;
  /** Every tenant has exactly one root workspace, created with it. */
  rootWorkspaceId: string | null;
  createdAt: Date;
  updatedAt: Date;
}

export interface User {
  id: string;
  tenantId: string;
  email: string;
  role: Role;
  isSystemAdmin: boolean;
  disabledAt: Date | null;
  createdAt: Date;
}

/** A user with the stored password hash: only the login path ever holds one. */
export interface UserWithCredentials extends User {
  passwordHash: string;
}

export interface Session {
  id: string;
  tenantId: string;
  userId: string;
  expiresAt: Date;
}

export interface Workspace {
  id: string;
  tenantId: string;
  parentWorkspaceId: string | null;
  name: string;
  isRoot: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A workspace's member is a user or a whole team. */
export type MemberRef = { kind: 'user'; id: string } | { kind: 'team'; id: string };

export interface WorkspaceMember {
  workspaceId: string;
  member: MemberRef;
  role: Role;
  createdAt: Date;
}

export interface Team {
  id: string;
  tenantId: string;
  name: string;
  createdAt: Date;
  updatedAt: Date;
  activeProductIds: string[];
}

export interface TeamMember {
  teamId: string;
  userId: string;
  role: Role;
  createdAt: Date;
}

export interface Product {
  id: string;
  name: string;
  createdAt: Date;
}
