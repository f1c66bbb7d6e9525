import { hashText, OpenHashIndex } from '../shared/open-hash-index.js';

/**
 * Numbers for the in-memory graph's CI ids: each id gets the next number the first time it is
 * interned, and keeps it. A load looks up a million ids and both ends of three million
 * relationships, each id a fresh string from the driver, and a `Map` of a million strings took
 * twice as long to fill and to ask (its entries are objects for the collector to walk); this is
 * an OpenHashIndex, two integer arrays. The ids stay strings, for the graph to hand out as they are.
 */
export class IdIndex extends OpenHashIndex<string> {
  /** The id of each number. */
  readonly ids: string[] = [];

  protected hashOf(id: string): number {
    return hashText(id);
  }

  protected holds(n: number, id: string): boolean {
    return this.ids[n] === id;
  }

  protected keep(id: string): void {
    this.ids.push(id);
  }
}
