/** Emails compare case-insensitively; stored and looked up in one normal form. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
