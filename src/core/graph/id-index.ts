import { hashText, OpenHashIndex } from '../shared/open-hash-index.js';

/** Characters `start` up to `end` of `text`: an id inside a longer text (a page of edges). */
interface TextRange {
  text: string;
  start: number;
  end: number;
}

/**
 * Numbers for the in-memory graph's CI ids: each id gets the next number the first time it is
 * interned, and keeps it. A load looks up a million ids and both ends of three million
 * relationships, each id a fresh string from the driver, and a `Map` of a million strings took
 * twice as long to fill and to ask (its entries are objects for the collector to walk); this is
 * an OpenHashIndex, two integer arrays. The ids stay strings, for the graph to hand out as they are.
 *
 * An id can also be looked up where it stands inside a longer text (`internAt`): a load reads the
 * relationships as one text per page, and an id already numbered is then never made a string of
 * its own.
 */
export class IdIndex extends OpenHashIndex<string | TextRange> {
  /** The id of each number. */
  readonly ids: string[] = [];
  /** The one range internAt asks about, reused: no object per look-up. */
  private readonly range: TextRange = { text: '', start: 0, end: 0 };

  /** The number of the id at `text[start, end)`, given the next one if it has none yet. */
  internAt(text: string, start: number, end: number): number {
    const range = this.range;
    range.text = text;
    range.start = start;
    range.end = end;
    return this.intern(range);
  }

  protected hashOf(key: string | TextRange): number {
    // Over the range's characters: the same hash as the id's own string.
    return typeof key === 'string' ? hashText(key) : hashText(key.text, key.start, key.end);
  }

  protected holds(n: number, key: string | TextRange): boolean {
    const id = this.ids[n]!;
    if (typeof key === 'string') return id === key;
    return id.length === key.end - key.start && key.text.startsWith(id, key.start);
  }

  protected keep(key: string | TextRange): void {
    this.ids.push(typeof key === 'string' ? key : detached(key.text, key.start, key.end));
  }
}

/**
 * `text[start, end)` as a string that does not keep `text` alive: V8 makes a slice of 13 or more
 * characters a view into its parent (here a page of 600 kB), while a concatenation is copied
 * into a string of its own before it is sliced.
 */
function detached(text: string, start: number, end: number): string {
  return ` ${text.slice(start, end)}`.slice(1);
}
