import { describe, expect, it, vi } from 'vitest';
import { ConnectionSecret } from './connection-secret.js';

describe("a connection's credential key", () => {
  const keyOf = (header: string) => (header.startsWith('ok ') ? `key of ${header}` : undefined);

  it('is worked out once while the connection sends the same header, and again for another', () => {
    const spy = vi.fn(keyOf);
    const memo = new ConnectionSecret(spy);
    const connection = {};
    expect(memo.key(connection, 'ok a')).toBe('key of ok a');
    expect(memo.key(connection, 'ok a')).toBe('key of ok a');
    expect(spy).toHaveBeenCalledTimes(1);
    expect(memo.key(connection, 'ok b')).toBe('key of ok b');
    expect(memo.key(connection, 'ok c')).toBe('key of ok c'); // same length as the last, other text
    expect(memo.key(connection, 'ok a')).toBe('key of ok a');
    expect(spy).toHaveBeenCalledTimes(4);
  });

  it('is kept per connection, and not at all without one or for a malformed header', () => {
    const spy = vi.fn(keyOf);
    const memo = new ConnectionSecret(spy);
    const [one, two] = [{}, {}];
    memo.key(one, 'ok a');
    expect(memo.key(two, 'ok a')).toBe('key of ok a');
    expect(memo.key(undefined, 'ok a')).toBe('key of ok a');
    expect(memo.key(one, 'bad')).toBeUndefined();
    expect(memo.key(one, 'bad')).toBeUndefined();
    expect(spy).toHaveBeenCalledTimes(5);
  });
});
