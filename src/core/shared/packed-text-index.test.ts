import { describe, expect, it } from 'vitest';
import { hashText } from './open-hash-index.js';
import { PackedTextIndex } from './packed-text-index.js';

describe('PackedTextIndex', () => {
  it('numbers 200 000 texts in the order first interned, and keeps each number and text through many growths', () => {
    const index = new PackedTextIndex();
    const texts = Array.from({ length: 200_000 }, (_, i) => `server/host-${i}`);
    // From 512 numbers, 1 024 slots and 16 KiB of bytes at the start: each grows eight times or more.
    const numbers = texts.map((_, i) => i);
    expect(texts.map((t) => index.intern(t))).toEqual(numbers);
    // Interned again (as fresh strings): the same numbers, nothing added.
    expect(texts.map((t) => index.intern(`${t}`.slice(0)))).toEqual(numbers);
    expect(index.size).toBe(200_000);
    expect(texts.map((t) => index.get(t))).toEqual(numbers);
    expect(numbers.map((i) => index.textOf(i))).toEqual(texts);
    expect(index.get('server/host-200000')).toBeUndefined();
  });

  it('tells apart texts whose hashes are equal, by their bytes', () => {
    // FNV-1a gives these two the same 32-bit hash.
    expect(hashText('server/13269')).toBe(hashText('server/286322'));
    const index = new PackedTextIndex();
    expect(index.intern('server/13269')).toBe(0);
    expect(index.get('server/286322')).toBeUndefined();
    expect(index.intern('server/286322')).toBe(1);
    expect(index.get('server/13269')).toBe(0);
    expect(index.get('server/286322')).toBe(1);
    expect(index.textOf(1)).toBe('server/286322');
  });

  it('tells apart texts that differ in one character, a prefix or the empty text', () => {
    const index = new PackedTextIndex();
    index.intern('a');
    index.intern('ab');
    index.intern('');
    expect(index.get('b')).toBeUndefined();
    expect(index.get('ba')).toBeUndefined();
    expect(index.get('ab')).toBe(1);
    expect(index.get('')).toBe(2);
    expect(index.textOf(2)).toBe('');
  });

  it('keeps texts beyond ASCII, and texts longer than its first scratch buffer', () => {
    const index = new PackedTextIndex();
    const texts = [
      'server/café',
      'server/cafe',
      'app/日本',
      'app/😀',
      `app/${'x'.repeat(5000)}`,
      `app/é${'y'.repeat(3000)}`,
    ];
    texts.forEach((t, i) => expect(index.intern(t)).toBe(i));
    texts.forEach((t, i) => {
      expect(index.get(t)).toBe(i);
      expect(index.textOf(i)).toBe(t);
    });
  });

  it('refuses a number it never gave', () => {
    const index = new PackedTextIndex();
    index.intern('a');
    expect(() => index.textOf(1)).toThrow(RangeError);
    expect(() => index.textOf(-1)).toThrow(RangeError);
  });
});
