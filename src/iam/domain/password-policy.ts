/** Whether a new password is acceptable: long enough, and not absurdly long (hashing cost). */
export function passwordProblem(password: string, minLength: number): string | undefined {
  if (password.length < minLength) return `must be at least ${minLength} characters`;
  if (password.length > 1024) return 'must be at most 1024 characters';
  return undefined;
}
