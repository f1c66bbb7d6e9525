import { describe, expect, it } from 'vitest';
import { newToken, sameSecret } from './token.js';

describe('sameSecret', () => {
  it('is true for the same secret and false for any other', () => {
    const { token } = newToken();
    expect(sameSecret(token, `${token}`)).toBe(true);
    expect(sameSecret('', '')).toBe(true);
    expect(sameSecret(token, `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`)).toBe(false);
    expect(sameSecret(`x${token.slice(1)}`, token)).toBe(false);
    expect(sameSecret(token, token.slice(0, -1))).toBe(false);
    expect(sameSecret(token, `${token}x`)).toBe(false);
    expect(sameSecret('', 'a')).toBe(false);
  });

  it('tells apart texts that differ only past the ASCII range', () => {
    expect(sameSecret('é', 'è')).toBe(false);
    expect(sameSecret('🔑', '🔒')).toBe(false);
    // Two different lone surrogates: both became U+FFFD in UTF-8 buffers, and compared equal.
    expect(sameSecret('a\ud800', 'a\udc00')).toBe(false);
    expect(sameSecret('a\ud800', 'a\ud800')).toBe(true);
  });
});
