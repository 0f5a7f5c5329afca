import type { Reminder } from '../../domain/reminder';

/** What every channel says about a reminder, in one place so the inbox, e-mail and webhook agree. */
export interface ReminderContent {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (value: string): string =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The rotation route of a key: a new secret now, the old one kept for a grace period. */
export const rotatePath = (reminder: Reminder): string => `/v1/tenants/${reminder.tenantId}/api-keys/${reminder.key.id}/rotate`;

/** The in-app notification kind of a reminder. */
export const notificationKind = (reminder: Reminder): string => `api_key.${reminder.kind}`;

/** The one-line summary: the e-mail subject and the inbox title. */
export function reminderSubject(reminder: Reminder): string {
  const { key } = reminder;
  return reminder.kind === 'expired'
    ? `API key "${key.name}" has expired`
    : `API key "${key.name}" expires on ${key.expiresAt.toISOString().slice(0, 10)}`;
}

export function reminderContent(reminder: Reminder): ReminderContent {
  const { key } = reminder;
  const when = key.expiresAt.toISOString();
  const team = key.teamName ?? 'no team';
  const subject = reminderSubject(reminder);
  const status = reminder.kind === 'expired' ? `expired at ${when}` : `expires at ${when}`;
  const rotate = `To keep access without a gap, rotate it: POST ${rotatePath(reminder)} gives a new key and keeps the old one working for a grace period.`;
  const text = [
    `Your API key "${key.name}" (prefix ${key.prefix}, team ${team}) ${status}.`,
    '',
    rotate,
    'Requests made with an expired key are refused.',
  ].join('\n');
  const html = [
    `<p>Your API key <strong>${escapeHtml(key.name)}</strong> (prefix <code>${escapeHtml(key.prefix)}</code>, team ${escapeHtml(team)}) ${escapeHtml(status)}.</p>`,
    `<p>To keep access without a gap, rotate it: <code>POST ${escapeHtml(rotatePath(reminder))}</code> gives a new key and keeps the old one working for a grace period.</p>`,
    '<p>Requests made with an expired key are refused.</p>',
  ].join('\n');
  return { subject, text, html };
}

/** The structured form, for the inbox payload and the webhook body. */
export function reminderPayload(reminder: Reminder): Record<string, unknown> {
  const { key } = reminder;
  return {
    kind: reminder.kind,
    tenant_id: reminder.tenantId,
    api_key: {
      id: key.id,
      name: key.name,
      prefix: key.prefix,
      team_id: key.teamId,
      team_name: key.teamName,
      expires_at: key.expiresAt.toISOString(),
    },
    rotate_path: rotatePath(reminder),
  };
}
