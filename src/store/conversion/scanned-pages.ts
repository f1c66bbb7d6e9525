import type { ScannedCi } from '../../core/drift/drift.port.js';

/**
 * A drift scan's page read as ONE text (ci-scans.ts): per CI `id US name US class US status US
 * source US labels US attributes`, the CIs joined by RS. Ids and names hold no control characters
 * and JSON text holds none unescaped; class, status and source, which this layer does not vouch
 * for, come as the hex of their UTF-8 (source `+hex`, or empty when null), so no value can hold a
 * separator. The CIs come in the order the engine aggregated them.
 *
 * Read as rows, the driver made a list and three or four strings per CI, and the attributes' texts
 * (a million at 1M CIs) were copied by every scavenge until matching ended; here a page is one
 * string in the large-object space, and a CI is a small object pointing into it.
 */
export const FIELD = '\u001f';
export const RECORD = '\u001e';

/** Turns a scan's page texts into ScannedCis; the values that repeat are decoded and kept once per scan. */
export class ScannedPages {
  /** Per distinct `class US status US source US labels` text: its values, decoded once. */
  private readonly kinds = new Map<string, Kind>();

  /** The CIs of one page. */
  read(text: string): ScannedCi[] {
    const page = new PageColumns(text);
    const cis: ScannedCi[] = [];
    const end = text.length;
    for (let at = 0; at < end;) {
      const starts = fieldStarts(text, at);
      let next = text.indexOf(RECORD, starts[ATTRIBUTES_AT]);
      if (next < 0) next = end;
      page.add(at, starts, next, this.kindAt(text, starts));
      cis.push(new ScannedTextCi(page, cis.length));
      at = next + 1;
    }
    return cis;
  }

  /**
   * The CIs of one page given as a record each (PostgreSQL sends a row per CI): each CI points
   * into its own record, where joining the records into one text first copied every page.
   */
  readRecords(records: readonly string[]): ScannedCi[] {
    const cis: ScannedCi[] = [];
    for (const text of records) {
      const starts = fieldStarts(text, 0);
      cis.push(
        new ScannedRecordCi(
          text,
          starts[NAME_AT]!,
          starts[CLASS_AT]!,
          starts[ATTRIBUTES_AT]!,
          this.kindAt(text, starts),
        ),
      );
    }
    return cis;
  }

  /** The kind of the record whose fields start at `starts`. */
  private kindAt(text: string, starts: Int32Array): Kind {
    return this.kindOf(text.slice(starts[CLASS_AT], starts[ATTRIBUTES_AT]! - 1));
  }

  private kindOf(text: string): Kind {
    let kind = this.kinds.get(text);
    if (kind === undefined) {
      const [cls = '', status = '', source = '', labels = ''] = text.split(FIELD);
      kind = {
        class: fromHex(cls),
        status: fromHex(status),
        source: source === '' ? null : fromHex(source.slice(1)),
        labels,
      };
      if (this.kinds.size < KEPT) this.kinds.set(text, kind);
    }
    return kind;
  }
}

/** Where a record's name, class and attributes start, by NAME_AT, CLASS_AT and ATTRIBUTES_AT. */
const NAME_AT = 0;
const CLASS_AT = 1;
const ATTRIBUTES_AT = 2;
/** Written by each fieldStarts, read before the next: a record's look-up makes no array. */
const starts = new Int32Array(3);

/** Where the fields of the record starting at `at` of `text` start; throws if it is not a whole record. */
function fieldStarts(text: string, at: number): Int32Array {
  const nameAt = text.indexOf(FIELD, at) + 1;
  const classAt = nameAt === 0 ? 0 : text.indexOf(FIELD, nameAt) + 1;
  let attributesAt = classAt;
  for (let f = 0; f < 4 && attributesAt > 0; f++) attributesAt = text.indexOf(FIELD, attributesAt) + 1;
  if (nameAt === 0 || classAt === 0 || attributesAt === 0)
    throw new Error(`not a CI at ${at} of a drift scan's page: ${text.slice(at, at + 80)}`);
  starts[NAME_AT] = nameAt;
  starts[CLASS_AT] = classAt;
  starts[ATTRIBUTES_AT] = attributesAt;
  return starts;
}

function fromHex(hex: string): string {
  return Buffer.from(hex, 'hex').toString('utf8');
}

/** Distinct (class, status, source, labels) kept per scan: beyond it each CI decodes its own. */
const KEPT = 10_000;

/** What a CI holds besides its own text: values most CIs share with others. */
interface Kind {
  class: string;
  status: string;
  source: string | null;
  /** JSON text, parsed on each read. */
  labels: string;
}

/** Offsets per CI: where its id, name and attributes start and end (each end excluded). */
const OFFSETS = 6;
const ID = 0;
const NAME = 2;
const ATTRIBUTES = 4;

/** A page's text and, per CI, where its fields are and what it shares with others. */
class PageColumns {
  private offsets = new Int32Array(OFFSETS * 1024);
  readonly kinds: Kind[] = [];

  constructor(private readonly text: string) {}

  /** A CI whose record starts at `at`, given where its fields start (fieldStarts) and its record ends. */
  add(at: number, starts: Int32Array, end: number, kind: Kind): void {
    const nameAt = starts[NAME_AT]!;
    const classAt = starts[CLASS_AT]!;
    const attributesAt = starts[ATTRIBUTES_AT]!;
    const o = OFFSETS * this.kinds.length;
    if (o + OFFSETS > this.offsets.length) {
      const grown = new Int32Array(this.offsets.length * 2);
      grown.set(this.offsets);
      this.offsets = grown;
    }
    const offsets = this.offsets;
    offsets[o] = at;
    offsets[o + 1] = nameAt - 1;
    offsets[o + 2] = nameAt;
    offsets[o + 3] = classAt - 1;
    offsets[o + 4] = attributesAt;
    offsets[o + 5] = end;
    this.kinds.push(kind);
  }

  /** What CI `i` shares with others. */
  kind(i: number): Kind {
    const kind = this.kinds[i];
    if (kind === undefined) throw new RangeError(`no CI ${i} on this page`);
    return kind;
  }

  /** CI `i`'s id, name or attributes' text. */
  field(i: number, field: typeof ID | typeof NAME | typeof ATTRIBUTES): string {
    const o = OFFSETS * i + field;
    return this.text.slice(this.offsets[o], this.offsets[o + 1]);
  }
}

/** A scanned CI's values that it shares with others (its Kind); the subclass says where its own text is. */
abstract class KindedCi implements ScannedCi {
  protected abstract readonly kind: Kind;
  abstract readonly id: string;
  abstract readonly name: string;
  abstract readonly attributes: Record<string, unknown>;

  get class(): string {
    return this.kind.class;
  }

  get status(): string {
    return this.kind.status;
  }

  get source(): string | null {
    return this.kind.source;
  }

  get labels(): Record<string, string> {
    return JSON.parse(this.kind.labels) as Record<string, string>;
  }
}

/**
 * One CI of a page. Its strings are cut from the page's text when read and its JSON parsed on
 * EACH read, never kept: a check holds the CIs an item may pair by key until its scan ends (see
 * match.ts), and readers read them once per use.
 */
class ScannedTextCi extends KindedCi {
  constructor(
    private readonly page: PageColumns,
    private readonly at: number,
  ) {
    super();
  }

  protected get kind(): Kind {
    return this.page.kind(this.at);
  }

  get id(): string {
    return this.page.field(this.at, ID);
  }

  get name(): string {
    return this.page.field(this.at, NAME);
  }

  get attributes(): Record<string, unknown> {
    return JSON.parse(this.page.field(this.at, ATTRIBUTES)) as Record<string, unknown>;
  }
}

/** One CI of a page read as a record each: its own record's text, cut and parsed on each read as ScannedTextCi's. */
class ScannedRecordCi extends KindedCi {
  constructor(
    private readonly text: string,
    private readonly nameAt: number,
    private readonly classAt: number,
    private readonly attributesAt: number,
    protected readonly kind: Kind,
  ) {
    super();
  }

  get id(): string {
    return this.text.slice(0, this.nameAt - 1);
  }

  get name(): string {
    return this.text.slice(this.nameAt, this.classAt - 1);
  }

  get attributes(): Record<string, unknown> {
    return JSON.parse(this.text.slice(this.attributesAt)) as Record<string, unknown>;
  }
}
