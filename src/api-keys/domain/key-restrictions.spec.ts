import { defaultPermission, keyLocation, normaliseOrigin, permissionForMethod, permits, reaches, teamForScope } from './key-restrictions';

describe('key restrictions', () => {
  it('maps methods to levels, unknown ones to admin', () => {
    expect(['GET', 'HEAD', 'OPTIONS'].map(permissionForMethod)).toEqual(['read', 'read', 'read']);
    expect(['POST', 'PUT', 'PATCH'].map(permissionForMethod)).toEqual(['write', 'write', 'write']);
    expect(['DELETE', 'PROPFIND'].map(permissionForMethod)).toEqual(['admin', 'admin']);
    expect([permits('write', 'read'), permits('write', 'admin'), permits('admin', 'admin')]).toEqual([true, false, true]);
  });

  it('defaults by type, never above the ceiling', () => {
    expect([defaultPermission('secret', 'admin'), defaultPermission('public', 'admin'), defaultPermission('secret', 'read')]).toEqual(['write', 'read', 'read']);
  });

  it('reaches a workspace subtree, one team, or everything', () => {
    const ws = (id: string, ...up: string[]) => ({ type: 'workspace' as const, id, ancestors: [id, ...up] });
    expect(reaches({ type: 'tenant' }, { type: 'tenant' })).toBe(true);
    expect(reaches({ type: 'workspace', id: 'w1' }, ws('w2', 'w1', 'root'))).toBe(true);
    expect(reaches({ type: 'workspace', id: 'w1' }, ws('w3', 'root'))).toBe(false);
    expect(reaches({ type: 'workspace', id: 'w1' }, { type: 'tenant' })).toBe(false);
    expect(reaches({ type: 'team', id: 't' }, { type: 'team', id: 't' })).toBe(true);
    expect(reaches({ type: 'team', id: 't' }, ws('t'))).toBe(false);
    expect(keyLocation({ teamId: 't', scope: { type: 'workspace', id: 'w' } })).toEqual({ type: 'team', id: 't' });
    expect(teamForScope({ type: 'team', id: 't' }, undefined)).toBe('t');
    expect(() => teamForScope({ type: 'team', id: 't' }, 'u')).toThrow(expect.objectContaining({ code: 'API_KEY_SCOPE_TEAM_MISMATCH' }));
  });

  it('normalises origins and refuses anything that is not one', () => {
    expect(normaliseOrigin('HTTPS://App.Example.com:443/')).toBe('https://app.example.com');
    expect(normaliseOrigin('http://[::1]:8080')).toBe('http://[::1]:8080');
    for (const bad of ['https://a.example/x', 'https://a.example?q', 'https://a.example#f', 'ws://a.example', 'a.example', 'https://u@a.example']) {
      expect(normaliseOrigin(bad)).toBeUndefined();
    }
  });
});
