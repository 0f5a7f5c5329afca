import { normalizeEmail } from './email';
import { passwordProblem } from './password-policy';

describe('password policy and email form', () => {
  it('requires the minimum length', () => {
    expect(passwordProblem('short', 12)).toBe('must be at least 12 characters');
    expect(passwordProblem('long-enough-pw', 12)).toBeUndefined();
    expect(passwordProblem('x'.repeat(1025), 12)).toBe('must be at most 1024 characters');
  });

  it('compares emails case-insensitively', () => {
    expect(normalizeEmail('  Ada@Example.COM ')).toBe('ada@example.com');
  });
});
