import { TeamMergeConflict } from './team-merge-errors';

export type ConflictStrategy = 'cancel' | 'rename' | 'delete';
export type TeamRole = 'admin' | 'member';

export interface MergeTeam {
  id: string;
  tenantId: string;
  name: string;
}
export interface Membership {
  userId: string;
  role: TeamRole;
}
export interface TeamKey {
  id: string;
  name: string;
  /** Revoked (or past its rotation grace) keys move too, but never conflict. */
  live: boolean;
}

export interface MemberMove {
  userId: string;
  /** The role the user ends with in the target team. */
  role: TeamRole;
  /** `added`: new to the target; `kept`: already there with this role; `promoted`: raised to the source's higher role. */
  outcome: 'added' | 'kept' | 'promoted';
}
export interface KeyConflict {
  keyId: string;
  name: string;
  resolution: 'rename' | 'revoke';
  /** For `rename`: the name the key gets. */
  newName?: string;
}
export interface MergePlan {
  source: MergeTeam;
  target: MergeTeam;
  strategy: ConflictStrategy;
  members: MemberMove[];
  /** Every source key that ends in the target team, with its final name. */
  movedKeys: Array<{ keyId: string; name: string }>;
  conflicts: KeyConflict[];
}

export interface MergeInput {
  source: MergeTeam;
  target: MergeTeam;
  sourceMembers: Membership[];
  targetMembers: Membership[];
  sourceKeys: TeamKey[];
  targetLiveKeyNames: string[];
  strategy: ConflictStrategy;
  renameSuffix?: string;
}

const MAX_KEY_NAME = 200;

/** What a merge will do; refuses (`cancel`) when a live source key's name is taken in the target. */
export function planMerge(input: MergeInput): MergePlan {
  const taken = new Set(input.targetLiveKeyNames.map(fold));
  const clashing = input.sourceKeys.filter((key) => key.live && taken.has(fold(key.name)));
  if (clashing.length > 0 && input.strategy === 'cancel') throw new TeamMergeConflict(clashing.map((key) => key.name));
  const clashIds = new Set(clashing.map((key) => key.id));
  // Names the target will hold after the merge: its own and every source key moved unchanged.
  for (const key of input.sourceKeys) if (key.live && !clashIds.has(key.id)) taken.add(fold(key.name));
  const suffix = input.renameSuffix ?? slug(input.source.name);
  const conflicts: KeyConflict[] = clashing.map((key) => {
    if (input.strategy === 'delete') return { keyId: key.id, name: key.name, resolution: 'revoke' };
    const newName = freeName(key.name, suffix, taken);
    taken.add(fold(newName));
    return { keyId: key.id, name: key.name, resolution: 'rename', newName };
  });
  const finalName = new Map(conflicts.map((c) => [c.keyId, c.newName]));
  const movedKeys = input.sourceKeys
    .filter((key) => !clashIds.has(key.id) || input.strategy === 'rename')
    .map((key) => ({ keyId: key.id, name: finalName.get(key.id) ?? key.name }));
  return { source: input.source, target: input.target, strategy: input.strategy, members: mergeMembers(input), movedKeys, conflicts };
}

/** A user in both teams keeps one membership, with the higher of the two roles. */
function mergeMembers({ sourceMembers, targetMembers }: MergeInput): MemberMove[] {
  const inTarget = new Map(targetMembers.map((m) => [m.userId, m.role]));
  return sourceMembers.map(({ userId, role }): MemberMove => {
    const current = inTarget.get(userId);
    if (!current) return { userId, role, outcome: 'added' };
    if (current === 'member' && role === 'admin') return { userId, role: 'admin', outcome: 'promoted' };
    return { userId, role: current, outcome: 'kept' };
  });
}

/** `<name>_<suffix>`, then `_2`, `_3`, ... until no live key of the target has it (case-insensitively). */
export function freeName(name: string, suffix: string, taken: Set<string>): string {
  for (let n = 1; ; n++) {
    const tail = `_${suffix}${n === 1 ? '' : `_${n}`}`;
    const candidate = `${name.slice(0, Math.max(1, MAX_KEY_NAME - tail.length))}${tail}`;
    if (!taken.has(fold(candidate))) return candidate;
  }
}

/** A team name as a key-name suffix: lower case, runs of anything but letters and digits as one `-`. */
export function slug(name: string): string {
  const slugged = name
    .normalize('NFKD')
    // Accents come apart under NFKD; dropping the marks keeps `é` as `e` rather than a separator.
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return slugged || 'merged';
}

const fold = (name: string): string => name.toLowerCase();
