/**
 * How close a key is to its expiry, for the "expiring soon" view. `expired`: expired within the
 * looked-at window (the last `days` days), so a key that just lapsed is still seen; `urgent`: at
 * most 3 days left; `warning`: at most 14; `notice`: later, within the window.
 */
export type ExpirySeverity = 'expired' | 'urgent' | 'warning' | 'notice';
export const EXPIRY_SEVERITIES: readonly ExpirySeverity[] = ['expired', 'urgent', 'warning', 'notice'];

export const URGENT_WITHIN_DAYS = 3;
export const WARNING_WITHIN_DAYS = 14;
const DAY_MS = 24 * 3600_000;

export function severityOf(expiresAt: Date, now: Date): ExpirySeverity {
  const left = expiresAt.getTime() - now.getTime();
  if (left <= 0) return 'expired';
  if (left <= URGENT_WITHIN_DAYS * DAY_MS) return 'urgent';
  if (left <= WARNING_WITHIN_DAYS * DAY_MS) return 'warning';
  return 'notice';
}
