import { secretLikePaths } from './secret-like-fields';

describe('secret-like field detection', () => {
  it('finds credentials however they are spelled, at any depth', () => {
    const body = {
      api_key: 'x',
      apiKey: 'x',
      nested: { openai_api_key: 'x', deeper: [{ clientSecret: 'x' }, { 'private-key': 'x' }] },
      token: 'x',
      Password: 'x',
      passwd: 'x',
      credentials: { user: 'x' },
      accessToken: 'x',
    };
    expect(secretLikePaths(body)).toEqual([
      'Password',
      'accessToken',
      'apiKey',
      'api_key',
      'credentials',
      'nested.deeper[0].clientSecret',
      'nested.deeper[1].private-key',
      'nested.openai_api_key',
      'passwd',
      'token',
    ]);
  });

  it('leaves ordinary settings and declared names alone', () => {
    expect(secretLikePaths({ model: 'gpt-4o', temperature: 1, sizes: ['1024x1024'] })).toEqual([]);
    expect(secretLikePaths({ max_tokens: 10 })).toEqual(['max_tokens']);
    expect(secretLikePaths({ max_tokens: 10, allowed_models: [{ name: 'm', max_tokens: 5 }] }, new Set(['max_tokens']))).toEqual([]);
  });

  it('survives a very deep body without recursion', () => {
    let deep: Record<string, unknown> = { token: 'x' };
    for (let i = 0; i < 50_000; i++) deep = { a: deep };
    expect(secretLikePaths(deep)).toHaveLength(1);
  });
});
