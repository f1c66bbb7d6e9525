import { describe, expect, it } from 'vitest';
import { CredentialCache } from './credential-cache.js';

describe('CredentialCache', () => {
  it('gives a value back until its time to live has passed, then forgets it', () => {
    const cache = new CredentialCache<string>(5_000);
    cache.set('k', 'alice', 1_000);
    expect(cache.get('k', 1_000)).toBe('alice');
    expect(cache.get('k', 5_999)).toBe('alice');
    expect(cache.get('k', 6_000)).toBeUndefined();
    expect(cache.get('k', 1_000)).toBeUndefined(); // forgotten, not merely hidden
  });

  it('forgets one key, the entries that match, or everything', () => {
    const cache = new CredentialCache<{ user: string }>(5_000);
    cache.set('a', { user: 'alice' }, 0);
    cache.set('b', { user: 'bob' }, 0);
    cache.set('c', { user: 'alice' }, 0);
    cache.delete('b');
    expect(cache.get('b', 0)).toBeUndefined();
    cache.deleteWhere((v) => v.user === 'alice');
    expect([cache.get('a', 0), cache.get('c', 0)]).toEqual([undefined, undefined]);
    cache.set('d', { user: 'dan' }, 0);
    cache.clear();
    expect(cache.get('d', 0)).toBeUndefined();
  });

  it('starts afresh when full, so that many distinct secrets cannot grow it without bound', () => {
    const cache = new CredentialCache<number>(5_000, 3);
    for (const k of ['a', 'b', 'c']) cache.set(k, 1, 0);
    cache.set('d', 2, 0);
    expect([cache.get('a', 0), cache.get('d', 0)]).toEqual([undefined, 2]);
  });
});
