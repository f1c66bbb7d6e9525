import type { DesiredCi, DesiredRelation } from '../../core/ci/desired-state.js';

/** What to do with a row whose CI an earlier row of the input already gave. */
export type RepeatVerdict =
  | { kind: 'first' }
  /** The same CI with the same values and relationships: left out with a note, nothing is lost. */
  | { kind: 'same'; message: string }
  /** The same CI with other values: a bad record; the earlier row is the one kept. */
  | { kind: 'different'; message: string };

/**
 * The rule for a CI given by several rows: **the first row wins**, in an import and in a drift
 * check alike (both read CSV through the csv importers, which apply this rule before anything
 * else sees the rows). A repeat with identical content is a note; one with different content is
 * a bad record naming the line kept. First-wins lets a streamed file be decided row by row: only
 * a key, a line and a 53-bit hash of each CI's content are remembered, never the rows.
 */
export class RepeatedRows {
  private readonly seen = new Map<string, { where: string; hash: number }>();

  check(ci: DesiredCi, relations: DesiredRelation[], where: string): RepeatVerdict {
    const key = `${ci.class}/${ci.name}`;
    const hash = contentHash(JSON.stringify([ci.status, ci.attributes, ci.labels, relations]));
    const earlier = this.seen.get(key);
    if (earlier === undefined) {
      this.seen.set(key, { where, hash });
      return { kind: 'first' };
    }
    if (earlier.hash === hash)
      return {
        kind: 'same',
        message: `${key} repeats ${earlier.where} with the same values; ${earlier.where} is kept`,
      };
    return {
      kind: 'different',
      message: `${key} was already given at ${earlier.where} with other values; the first row of a CI wins, so ${earlier.where} is kept and this row is left out`,
    };
  }
}

/** cyrb53: a fast 53-bit string hash, enough to tell two rows of one CI apart. */
function contentHash(text: string): number {
  let h1 = 0xdeadbeef;
  let h2 = 0x41c6ce57;
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    h1 = Math.imul(h1 ^ ch, 2654435761);
    h2 = Math.imul(h2 ^ ch, 1597334677);
  }
  h1 = Math.imul(h1 ^ (h1 >>> 16), 2246822507) ^ Math.imul(h2 ^ (h2 >>> 13), 3266489909);
  h2 = Math.imul(h2 ^ (h2 >>> 16), 2246822507) ^ Math.imul(h1 ^ (h1 >>> 13), 3266489909);
  return 4294967296 * (2097151 & h2) + (h1 >>> 0);
}
