import { refKey } from '../ci/apply-plan.js';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { WriteCounts } from '../cmdb/write-views.js';
import { indexedBase } from '../cmdb/indexed-names.js';
import { emptyWrites, type PendingWrites } from '../revision/pending-writes.js';

/**
 * Versions an import keeps in memory by default (written ones, slimmed): above this, it keeps
 * counts, and the revision hash, the report and commit listeners no longer get a list.
 */
export const KEEP_WRITES = 20_000;

const NO_RECORD: Record<string, never> = Object.freeze({});

/**
 * What an import has written so far, as its report, the revision hash and commit listeners need it.
 *
 * A small import keeps every version it wrote (slimmed: no attributes or labels), so that a dry
 * run can list them and listeners receive them. A large one would hold millions of them until
 * commit, so past `limit` it keeps only:
 * - the counts (the report),
 * - the model versions (a few; hashed from memory),
 * - the CIs it created that references of earlier imports wait for, and the relationships it
 *   wrote at those CIs: what `resolveArrivals` reads at the end, asked of the store batch by batch
 *   (`awaited`, usually none).
 * Then `complete` is false: the revision hash is read back from the store, and listeners are told
 * to reload instead of being handed the versions.
 */
export class ImportWrites {
  readonly counts: WriteCounts = {
    cis: { added: 0, modified: 0, removed: 0 },
    relations: { added: 0, modified: 0, removed: 0 },
    classes: 0,
  };
  /** Every version written while `complete`; afterwards only those listed above. */
  readonly kept: PendingWrites = emptyWrites();
  complete = true;

  constructor(
    private readonly limit: number,
    /** Of these references (`class/name`), the ones some unresolved reference waits for. */
    private readonly awaited: (refs: string[]) => Promise<Set<string>>,
    /** Whether any unresolved reference waits at all (usually none does). */
    private readonly anyAwaiting: () => Promise<boolean>,
  ) {}

  get isEmpty(): boolean {
    const { cis, relations, classes } = this.counts;
    return classes + total(cis) + total(relations) === 0;
  }

  async add(more: PendingWrites): Promise<void> {
    count(this.counts.cis, more.cis);
    count(this.counts.relations, more.relations);
    this.counts.classes += more.model.length;
    for (const w of more.cis) this.kept.cis.push({ before: slimCi(w.before), after: slimCi(w.after) });
    for (const w of more.relations) this.kept.relations.push({ before: slimRel(w.before), after: slimRel(w.after) });
    for (const w of more.model) this.kept.model.push(w);
    if (this.kept.cis.length + this.kept.relations.length > this.limit) await this.shed();
  }

  /** Drops what only a complete list needs: keeps the arrivals that references wait for. */
  private async shed(): Promise<void> {
    this.complete = false;
    // Nothing waits: none of these CIs is an arrival, so none is kept, and no reference is made to
    // ask about (two per CI, and a look-up of each, at every shed of a large import; issue 14).
    if (!(await this.anyAwaiting())) {
      this.kept.cis = [];
      this.kept.relations = [];
      return;
    }
    const created = this.kept.cis.flatMap((w) => (w.after && !w.before ? [w.after] : []));
    const refs = created.flatMap((v) => {
      const ref = refKey(v.class, v.name);
      const base = indexedBase(ref);
      return base === undefined ? [ref] : [ref, base];
    });
    const awaited = refs.length > 0 ? await this.awaited(refs) : new Set<string>();
    const arrivals = created.filter((v) => {
      const ref = refKey(v.class, v.name);
      const base = indexedBase(ref);
      return awaited.has(ref) || (base !== undefined && awaited.has(base));
    });
    const ids = new Set(arrivals.map((v) => v.id));
    this.kept.cis = arrivals.map((after) => ({ after }));
    this.kept.relations = this.kept.relations.filter(
      (w) => w.after && (ids.has(w.after.sourceId) || ids.has(w.after.targetId)),
    );
  }
}

const total = (c: { added: number; modified: number; removed: number }) => c.added + c.modified + c.removed;

function count(into: WriteCounts['cis'], list: { before?: unknown; after?: unknown }[]): void {
  for (const w of list) {
    if (w.after && w.before) into.modified++;
    else if (w.after) into.added++;
    else if (w.before) into.removed++;
  }
}

/**
 * Keeps what the revision hash, the summary and commit listeners need; drops attributes and labels.
 * Named field by field: spreading a store's lazily parsed row would parse what we drop.
 */
export function slimCi(v: CiVersion | undefined): CiVersion | undefined {
  if (!v) return undefined;
  const { id, class: cls, name, status, source, revFrom, revTo, hash } = v;
  return {
    id,
    class: shared(cls),
    name,
    status: shared(status),
    source: source === null ? null : shared(source),
    revFrom,
    revTo,
    hash,
    attributes: NO_RECORD,
    labels: NO_RECORD,
    attributeSources: NO_RECORD,
  };
}

/** Distinct strings `shared` keeps: classes, statuses and sources are few; anything past this is left as it is. */
const SHARED_MAX = 1000;
const sharedStrings = new Map<string, string>();

/**
 * One copy of a class, status or source: each row read from the store brings its own copy of
 * these few values, and a large import keeps a slim version of every CI it saw (about 100 bytes
 * a CI at 1M).
 */
function shared<T extends string>(s: T): T {
  const one = sharedStrings.get(s);
  if (one !== undefined) return one as T;
  if (sharedStrings.size < SHARED_MAX) sharedStrings.set(s, s);
  return s;
}

/**
 * A relationship version without its attributes, field by field in the order planning builds them:
 * a spread copies slowly, and would parse a lazily read row's attributes only to drop them.
 */
function slimRel(v: RelationVersion | undefined): RelationVersion | undefined {
  if (!v) return undefined;
  const { id, type, sourceId, targetId, source, revFrom, revTo, hash } = v;
  return { type, sourceId, targetId, attributes: NO_RECORD, id, source, revFrom, revTo, hash };
}
