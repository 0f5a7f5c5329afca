import { ScryptPasswordHasher } from './scrypt-password-hasher';

describe('scrypt password hasher', () => {
  const hasher = new ScryptPasswordHasher();

  it('verifies the right password and refuses a wrong one, with a fresh salt each time', async () => {
    const a = await hasher.hash('correct horse battery');
    const b = await hasher.hash('correct horse battery');
    expect(a).not.toBe(b);
    expect(a).toMatch(/^scrypt\$32768\$8\$1\$/);
    expect(a).not.toContain('correct horse battery');
    await expect(hasher.verify('correct horse battery', a)).resolves.toBe(true);
    await expect(hasher.verify('correct horse batterY', a)).resolves.toBe(false);
  });

  it('refuses a malformed stored hash and spends the work for unknown users', async () => {
    await expect(hasher.verify('x', 'plain')).resolves.toBe(false);
    await expect(hasher.verifyNothing('anything')).resolves.toBe(false);
  });
});
