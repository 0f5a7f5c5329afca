import { censorSecrets } from './redact-paths';

describe('censorSecrets', () => {
  it('censors secret-named fields at any depth, in arrays too, and keeps the rest', () => {
    const line = {
      msg: 'x',
      password: 'p1',
      body: { user: { apiKey: 'k1', name: 'ada' }, items: [{ token: 't1', n: 1 }] },
      headers: { Authorization: 'Bearer s1', 'X-API-Key': 'k2', accept: 'json' },
    };
    const out = censorSecrets(line);
    expect(JSON.stringify(out)).not.toMatch(/p1|k1|t1|s1|k2/);
    expect(out).toMatchObject({ msg: 'x', body: { user: { name: 'ada' }, items: [{ n: 1 }] }, headers: { accept: 'json' } });
    expect(line.password).toBe('p1'); // the caller's object is left alone
  });

  it('does not mistake look-alike names for secrets', () => {
    expect(censorSecrets({ key_prefix: 'sk_abc', token_type: 'Bearer', monkey: 1 })).toEqual({ key_prefix: 'sk_abc', token_type: 'Bearer', monkey: 1 });
  });
});
