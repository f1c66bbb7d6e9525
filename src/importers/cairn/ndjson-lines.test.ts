import { describe, expect, it } from 'vitest';
import { lines } from './ndjson.importer.js';

async function* from(chunks: string[]): AsyncGenerator<string> {
  for (const c of chunks) yield c;
}

async function all(chunks: string[]): Promise<string[]> {
  const out: string[] = [];
  for await (const l of lines(from(chunks))) out.push(l);
  return out;
}

describe('lines of an NDJSON stream', () => {
  it('cuts LF and CRLF lines wherever the chunks end, a CR and its LF in different chunks included', async () => {
    expect(await all(['a\r', '\nb', 'c\n', '\n', 'd'])).toEqual(['a', 'bc', '', 'd']);
    expect(await all(['x\r\ny\n'])).toEqual(['x', 'y']);
    expect(await all([])).toEqual([]);
  });

  // Found by the importer fuzzer (test/fuzz): the text carried over was searched again on every
  // chunk, so a long line in small chunks took time in its square (a 1 MB line: seconds, and this
  // one 300 000 one-character chunks long would not finish within the test's timeout).
  it('reads a line spread over very many chunks', async () => {
    const line = 'é'.repeat(300_000);
    const got = await all([...line.split(''), '\n', 'next']);
    expect(got.length).toBe(2);
    expect(got[0] === line).toBe(true);
    expect(got[1]).toBe('next');
  });
});
