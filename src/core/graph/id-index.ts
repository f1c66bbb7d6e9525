import { detached } from '../shared/detached.js';
import { grown } from '../shared/grown.js';
import { hashText, OpenHashIndex } from '../shared/open-hash-index.js';

/** Characters `start` up to `end` of `text`: an id inside a longer text (a page of edges). */
interface TextRange {
  text: string;
  start: number;
  end: number;
}

/** A CI id as Cairn makes them (ids.ts): `ci_` and a ULID, 26 digits of Crockford's base32. */
const PREFIX = 'ci_';
const ID_LENGTH = PREFIX.length + 26;
/** Each character code's base32 value, or -1 (ULIDs are written in upper case). */
const DIGIT = new Int8Array(128).fill(-1);
for (const [value, c] of [...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'].entries()) DIGIT[c.charCodeAt(0)] = value;
/** The top bit of a hash tells a CI id's (set) from any other text's (clear): they never match. */
const PACKED = 0x80000000;

/**
 * Numbers for the in-memory graph's CI ids: each id gets the next number the first time it is
 * interned, and keeps it. A load looks up a million ids and both ends of three million
 * relationships, each id a fresh string from the driver, and a `Map` of a million strings took
 * twice as long to fill and to ask (its entries are objects for the collector to walk); this is
 * an OpenHashIndex, two integer arrays.
 *
 * A CI id (`ci_` and a ULID) is also kept as its 128 bits, four integers in its hash slot: a
 * look-up compares those where it probes instead of the id's string, which lies somewhere on the
 * heap (at 1M CIs reading the strings was a third of the numbering, a cache miss each), or four
 * integers in an array by number (a second cache miss a probe: 3M look-ups 1.2–1.6 s, in the slot
 * 0.75 s). Any other id is hashed and compared as text.
 *
 * An id can also be looked up where it stands inside a longer text (`internAt`): a load reads the
 * relationships as one text per page, and an id already numbered is then never made a string of
 * its own.
 */
export class IdIndex extends OpenHashIndex<string | TextRange> {
  /**
   * The id of each number, as a string: kept for an id that is not a CI id, made from the four
   * integers the first time it is asked for (idOf) for a CI id. A load numbers a million CI ids
   * and reads few of them back; a string each, copied out of the page it was read in, was two
   * objects a CI on the heap (60 MB at 1M) for the collector to walk.
   */
  private readonly texts: (string | undefined)[] = [];
  /** Per number: a CI id's 128 bits as four integers (zeros for another id), for idOf. */
  private words = new Int32Array(4 * 1024);
  /** The id last hashed, when it was a CI id: its four integers. */
  private readonly scratch = new Int32Array(4);
  /** Whether the id last hashed was a CI id (its integers in `scratch`). */
  private lastPacked = false;
  /** The one range internAt asks about, reused: no object per look-up. */
  private readonly range: TextRange = { text: '', start: 0, end: 0 };

  /** The id numbered `n` (below size). */
  idOf(n: number): string {
    return (this.texts[n] ??= ciIdOf(this.words, 4 * n));
  }

  /** The number of the id at `text[start, end)`, given the next one if it has none yet. */
  internAt(text: string, start: number, end: number): number {
    const range = this.range;
    range.text = text;
    range.start = start;
    range.end = end;
    return this.intern(range);
  }

  protected hashOf(key: string | TextRange): number {
    return typeof key === 'string' ? this.hashAt(key, 0, key.length) : this.hashAt(key.text, key.start, key.end);
  }

  constructor() {
    // A CI id's four integers in its slot too: a look-up compares them where it probes.
    super(4);
  }

  protected holds(n: number, key: string | TextRange, slots: Int32Array, at: number): boolean {
    // A CI id (the hashes matched, so both are): its four integers, in the slot probed.
    if (this.lastPacked) {
      const { scratch } = this;
      return (
        slots[at] === scratch[0] &&
        slots[at + 1] === scratch[1] &&
        slots[at + 2] === scratch[2] &&
        slots[at + 3] === scratch[3]
      );
    }
    const id = this.texts[n]!;
    if (typeof key === 'string') return id === key;
    return id.length === key.end - key.start && key.text.startsWith(id, key.start);
  }

  protected keep(key: string | TextRange, n: number, slots: Int32Array, at: number): void {
    if (!this.lastPacked) {
      this.texts.push(typeof key === 'string' ? key : detached(key.text, key.start, key.end));
      return;
    }
    this.texts.push(undefined);
    this.words = grown(this.words, 4 * n + 4);
    this.words.set(this.scratch, 4 * n);
    slots.set(this.scratch, at);
  }

  /** The hash of the id at `text[start, end)`: the same for the id's own string and for a range. */
  private hashAt(text: string, start: number, end: number): number {
    if (!this.unpacked(text, start, end)) return (hashText(text, start, end) & ~PACKED) >>> 0;
    const s = this.scratch;
    return (
      (mixed(s[0]! ^ Math.imul(s[1]!, 0x85ebca6b) ^ Math.imul(s[2]!, 0xc2b2ae35) ^ Math.imul(s[3]!, 0x27d4eb2f)) |
        PACKED) >>>
      0
    );
  }

  /**
   * Reads `text[start, end)` into `scratch` when it is a CI id, and says whether it was. The 26
   * digits are 130 bits of which the first digit's top two are zero (a ULID is 128 bits): digits
   * 0–5 (28 bits), 6–11, 12–17 and 18–23 (30 bits each) fill the low bits of the four integers,
   * and the last two digits their top bits.
   */
  private unpacked(text: string, start: number, end: number): boolean {
    this.lastPacked = false;
    if (end - start !== ID_LENGTH || !text.startsWith(PREFIX, start)) return false;
    const at = start + PREFIX.length;
    let a = 0;
    let b = 0;
    let c = 0;
    let d = 0;
    for (let i = 0; i < 6; i++) {
      const da = digit(text, at + i);
      const db = digit(text, at + 6 + i);
      const dc = digit(text, at + 12 + i);
      const dd = digit(text, at + 18 + i);
      if ((da | db | dc | dd) < 0) return false;
      a = (a << 5) | da;
      b = (b << 5) | db;
      c = (c << 5) | dc;
      d = (d << 5) | dd;
    }
    const y = digit(text, at + 24);
    const z = digit(text, at + 25);
    // The first digit is at most 7 (a ULID's 128 bits): a is then below 2^28.
    if ((y | z) < 0 || a >= 1 << 28) return false;
    const { scratch } = this;
    scratch[0] = a | ((y & 15) << 28);
    scratch[1] = b | ((y >> 4) << 30) | ((z & 1) << 31);
    scratch[2] = c | (((z >> 1) & 3) << 30);
    scratch[3] = d | ((z >> 3) << 30);
    this.lastPacked = true;
    return true;
  }
}

/** Each base32 value's character code. */
const CODE = [...'0123456789ABCDEFGHJKMNPQRSTVWXYZ'].map((c) => c.charCodeAt(0));
/** The character codes of a CI id being written back (ciIdOf): the prefix, then its 26 digits. */
const ID_CODES = [...PREFIX].map((c) => c.charCodeAt(0)).concat(new Array<number>(26).fill(0));

/** The CI id whose four integers are `words[at, at + 4)`: `unpacked` read backwards. */
function ciIdOf(words: Int32Array, at: number): string {
  const w0 = words[at]!;
  const w1 = words[at + 1]!;
  const w2 = words[at + 2]!;
  const w3 = words[at + 3]!;
  const codes = ID_CODES;
  const groups = [w0 & 0x0fffffff, w1 & 0x3fffffff, w2 & 0x3fffffff, w3 & 0x3fffffff];
  for (let g = 0; g < 4; g++)
    for (let i = 0; i < 6; i++) codes[PREFIX.length + 6 * g + i] = CODE[(groups[g]! >>> (5 * (5 - i))) & 31]!;
  const y = (w0 >>> 28) | (((w1 >>> 30) & 1) << 4);
  const z = (w1 >>> 31) | (((w2 >>> 30) & 3) << 1) | (((w3 >>> 30) & 3) << 3);
  codes[PREFIX.length + 24] = CODE[y]!;
  codes[PREFIX.length + 25] = CODE[z]!;
  return String.fromCharCode(...codes);
}

/** The base32 value of `text[i]`, or -1. */
function digit(text: string, i: number): number {
  const code = text.charCodeAt(i);
  return code < 128 ? DIGIT[code]! : -1;
}

/** MurmurHash3's finalizer: every bit of `h` moves the low bits, which place a key in the table. */
function mixed(h: number): number {
  h = Math.imul(h ^ (h >>> 16), 0x85ebca6b);
  h = Math.imul(h ^ (h >>> 13), 0xc2b2ae35);
  return h ^ (h >>> 16);
}
