import type { Settings } from './integration-type';

/** One field's change, as the audit log keeps it. */
export interface SettingChange {
  field: string;
  old: unknown;
  new: unknown;
}

/** Fields whose values differ, in the order they first appear; absent reads as null. */
export function settingChanges(before: Settings, after: Settings): SettingChange[] {
  const fields = [...new Set([...Object.keys(before), ...Object.keys(after)])];
  return fields
    .filter((field) => JSON.stringify(before[field] ?? null) !== JSON.stringify(after[field] ?? null))
    .map((field) => ({ field, old: before[field] ?? null, new: after[field] ?? null }));
}
