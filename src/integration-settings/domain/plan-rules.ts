/** Plans whose tenants use the platform settings as they are. */
const PLATFORM_SETTINGS_ONLY = new Set(['free']);

export function planAllowsOverrides(plan: string): boolean {
  return !PLATFORM_SETTINGS_ONLY.has(plan);
}
