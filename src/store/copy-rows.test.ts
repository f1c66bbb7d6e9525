import { describe, expect, it } from 'vitest';
import { copyRowObjects, copyRows, copyRowText, isCopyRows } from './copy-rows.js';

describe('copyRowText', () => {
  it('writes the values tab-separated, a null as \\N, and ends the line', () => {
    expect(copyRowText(['ci_1', 3, null, 'server', undefined, true])).toBe('ci_1\t3\t\\N\tserver\t\\N\ttrue\n');
  });

  it('escapes the backslash, tab, newline and carriage return of a value, and only those', () => {
    expect(copyRowText(['a\\b', 'c\td', 'e\nf', 'g\rh'])).toBe('a\\\\b\tc\\td\te\\nf\tg\\rh\n');
    // JSON text keeps its own escapes, doubled so that the server reads them back as written.
    expect(copyRowText(['{"q":"say \\"hi\\"\\n"}'])).toBe('{"q":"say \\\\"hi\\\\"\\\\n"}\n');
    expect(() => copyRowText([{ not: 'text' }])).toThrow(TypeError);
    expect(copyRowText(['ünïcödé ✓ 𝄞', 'NULL', '\\N', ''])).toBe('ünïcödé ✓ 𝄞\tNULL\t\\\\N\t\n');
  });
});

describe('copyRows', () => {
  it('names the table and columns quoted, carries the rows as its one parameter, and is known by its text', () => {
    const query = copyRows('ci_versions', ['id', 'rev_from'], 'a\t1\n');
    expect(query.sql).toBe('copy "ci_versions" ("id", "rev_from") from stdin');
    expect(query.parameters).toEqual(['a\t1\n']);
    expect(isCopyRows(query.sql)).toBe(true);
    expect(isCopyRows('copy "other" ("id") from stdin')).toBe(false);
  });
});

describe('copyRowObjects', () => {
  it("takes each row's values in the order of the columns given, a missing one as null", () => {
    const query = copyRowObjects('t', ['b', 'a'], [{ a: 1, b: 'x' }, { a: 2 }]);
    expect(query.parameters).toEqual(['x\t1\n\\N\t2\n']);
  });
});
