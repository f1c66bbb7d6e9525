import { refKey } from '../ci/apply-plan.js';
import type { CmdbService } from '../cmdb/cmdb.service.js';
import { computeWrites } from '../cmdb/compute-writes.js';
import type { DesiredState } from '../ci/desired-state.js';
import { checkCi, checkRelation } from '../ci/desired-state-input.js';
import type { CmdbWriter } from '../cmdb/cmdb.port.js';
import { persistVersions } from '../cmdb/persist-revision.js';
import { isEmpty, type PendingWrites } from '../revision/pending-writes.js';
import { ImportWrites, KEEP_WRITES } from './import-writes.js';
import { InputNames } from './input-names.js';
import { collectPlan, planArrivals, planDeletions } from './import-plan.js';
import type { WriteMeta } from '../revision/revision.types.js';
import type { FieldError } from '../shared/errors.js';
import type { ModelRegistry } from '../model/model-registry.js';
import type { ImportBatch, ImportOptions, ImportProblem, UnresolvedNote } from './import.types.js';
import { HeldBatch } from './held-batch.js';
import { emptyPending, isEmptyState, keepScreened, locate, positionOf, type Pending } from './pending-batch.js';
import { setAsideUnresolved } from './unresolved-input.js';
import { screenUnchanged } from './screen-unchanged.js';
import { screenable } from './check-unchanged.js';
import { rememberPlanned } from './remember-planned.js';
import { checkScreened, rejectRefused, type Reject } from './check-batch.js';
import { memo } from './memo.js';
import { joinScopes, type InputScope } from './input-scope.js';

const DEFAULT_BATCH = 5000;

/** The text fields a record needs before it can be screened (its reference, a relationship's ends). */
const CI_KEYS = ['class', 'name'] as const;
const RELATION_KEYS = ['type', 'from', 'to'] as const;

/**
 * One import inside its transaction. Records are checked, de-duplicated across the whole input
 * and gathered into write batches; each batch is planned against the transaction's state (which
 * holds the earlier batches) and its versions written, held back until the next batch's screen is
 * read where the store writes ahead (held-batch.ts). A relationship whose ends the input has not
 * named yet waits until the end, so it may point at CIs of later lines.
 * Bad records never stop the run: every one is collected, so the user sees them all at once.
 */
export class ImportRun {
  /** The CIs and relationships the input names, and the ids of those written, read or created so far, compactly (InputNames). */
  readonly named = new InputNames();
  readonly problems: ImportProblem[] = [];
  readonly skipped: ImportProblem[] = [];
  /** Relationships whose end is neither in the input nor in the CMDB: kept, not written. */
  unresolved: UnresolvedNote[] = [];
  /** Good records that wrote nothing (the CMDB already held them). */
  readonly unchanged = { cis: 0, relations: 0 };
  /** What the import wrote so far: every version of a small import, counts and what arrivals need of a large one. */
  readonly written: ImportWrites;
  readonly read = { cis: 0, relations: 0 };
  /** What the input covers: the options' scope joined with each batch's (a partial file makes it partial). */
  scope: InputScope | undefined;
  /** Classes and relationship types (as written) the input holds records of, for a partial input's pruning. */
  readonly classesNamed = new Set<string>();
  readonly typesNamed = new Set<string>();
  private pending: Pending = emptyPending();
  private readonly deferred: Pending = emptyPending();
  private readonly batchSize: number;
  /** With `collectPlan`: the records that write something, as a desired-state document. */
  readonly plan: DesiredState | undefined;
  /** The last batch planned, until the next one's screen is read. */
  private readonly held: HeldBatch;
  /**
   * The flush of the write batch before, while the next input batch is taken in (flushAhead); its
   * failure is raised where it is awaited (settle).
   */
  private flushing: Promise<void> | undefined;
  /**
   * The model relationships are keyed by (addRelation). Only a batch of this import that declares
   * classes or types changes it inside the transaction: kept until one is flushed, not read again
   * for every batch (a round trip on PostgreSQL, and one that waits for the writes sent before it).
   */
  private keyRegistry: Promise<ModelRegistry> | undefined;
  /**
   * Whether the CI batch screened last found most of its CIs stored: then the next batch's records
   * are hashed while its screen is read (screenUnchanged), which a new CI's would be twice.
   */
  private storedMostly = false;

  constructor(
    private readonly tx: CmdbWriter,
    private readonly cmdb: CmdbService,
    private readonly rev: number,
    private readonly meta: WriteMeta,
    private readonly options: ImportOptions,
  ) {
    this.batchSize = options.batchSize ?? DEFAULT_BATCH;
    this.plan = options.collectPlan ? { cis: [], relations: [], delete: { cis: [], relations: [] } } : undefined;
    this.scope = options.scope;
    this.held = new HeldBatch(tx.largeWritesRunAhead, (writes) => this.send(writes));
    // A dry run lists what it would write, and a plan is as long as the writes anyway: keep all.
    const keepAll = options.dryRun || options.collectPlan;
    this.written = new ImportWrites(
      keepAll ? Infinity : (options.keepWritesUpTo ?? KEEP_WRITES),
      async (refs) => {
        const awaiting = await this.tx.unresolvedRefsAwaiting(refs);
        return new Set(awaiting.map((r) => r.missing));
      },
      async () => (await this.tx.listUnresolvedRefs({ open: true, limit: 1 })).length > 0,
    );
  }

  /**
   * Takes in the whole input. Whatever fails (the input, a batch, a flush), no flush is left
   * running against the transaction when this returns: the transaction is rolled back after.
   */
  async addAll(input: AsyncIterable<ImportBatch> | Iterable<ImportBatch>): Promise<void> {
    try {
      for await (const batch of input) await this.add(batch);
    } catch (e) {
      await this.flushing?.catch(() => undefined);
      throw e;
    }
  }

  private async add(batch: ImportBatch): Promise<void> {
    this.problems.push(...(batch.issues ?? []));
    if (batch.scope) this.scope = joinScopes(this.scope, batch.scope);
    this.skipped.push(...(batch.skipped ?? []));
    if (batch.classes?.length || batch.relationTypes?.length) {
      this.pending.state.classes = [...(this.pending.state.classes ?? []), ...(batch.classes ?? [])];
      this.pending.state.relationTypes = [...(this.pending.state.relationTypes ?? []), ...(batch.relationTypes ?? [])];
    }
    for (let i = 0; i < batch.cis.length; i++) this.addCi(batch, i);
    if (batch.relations.length > 0) {
      const registry = await (this.keyRegistry ??= this.cmdb.registry(undefined, this.tx));
      for (let i = 0; i < batch.relations.length; i++) this.addRelation(batch, i, registry);
    }
    this.read.cis += batch.cis.length;
    this.read.relations += batch.relations.length;
    if (this.pending.state.cis.length + this.pending.state.relations.length >= this.batchSize) await this.flushAhead();
  }

  /**
   * Flushes what is pending, once the flush before it is done, and returns without waiting for it
   * where the CI batch before found most of its CIs stored (a re-import) and the batch does not
   * change the model: the next input batch is numbered and checked for repeats (addCi,
   * addRelation) while this one's screen waits for the store. On PostgreSQL a re-import's
   * process stood idle for a third of its time while the server read its screens (issue 14). The
   * next flush still starts only after this one: its screen needs the ids this one remembers.
   * Taking in a batch needs nothing a flush changes but the model, which a batch declaring classes
   * or types changes: such a batch is waited for, and the key registry read again after it.
   */
  private async flushAhead(): Promise<void> {
    await this.settle();
    const { classes, relationTypes } = this.pending.state;
    const flushing = this.flush();
    // Only where most CIs are stored (a re-import): a bulk import of new CIs measured slower on
    // PostgreSQL taking in ahead (100k: 8.6 and 10.7 s against 10.9 and 11.9, issue 14).
    const changesModel = Boolean(classes?.length || relationTypes?.length);
    if (!this.storedMostly || changesModel) {
      if (changesModel) this.keyRegistry = undefined;
      await flushing;
      if (changesModel) this.keyRegistry = undefined;
      return;
    }
    // Awaited by the next flushAhead or settle: a failure meanwhile is not an unhandled rejection.
    flushing.catch(() => undefined);
    this.flushing = flushing;
  }

  /** Waits for the flush flushAhead left running, raising its failure. */
  private async settle(): Promise<void> {
    const flushing = this.flushing;
    this.flushing = undefined;
    await flushing;
  }

  /** Writes what is pending, then the relationships that waited for later CIs, then prunes. */
  async finish(prune: (run: ImportRun) => Promise<void>): Promise<void> {
    await this.settle();
    await this.flush();
    await this.held.release();
    // Relationships to CIs that neither the input nor the CMDB holds are kept aside, not refused.
    const aside = await setAsideUnresolved(this.tx, await this.cmdb.registry(undefined, this.tx), this.named, {
      relations: this.deferred.state.relations,
      at: this.deferred.relationAt.from.map((_, j) => positionOf(this.deferred.relationAt, j, 'relation')),
    });
    this.unresolved = aside.unresolved;
    const state = { relations: aside.relations };
    const relationAt = aside.at;
    for (let i = 0; i < state.relations.length; i += this.batchSize) {
      const at = relationAt.slice(i, i + this.batchSize);
      this.pending = {
        state: { cis: [], relations: state.relations.slice(i, i + this.batchSize) },
        ciRefs: [],
        ciNumbers: [],
        ciAt: { from: [], index: [] },
        relationAt: { from: at, index: at.map(() => 0) },
        relationEnds: [],
      };
      await this.flush();
    }
    await this.held.release();
    if (this.options.prune && this.meta.source) await prune(this);
  }

  /**
   * Persists the relationships that references earlier imports left waiting become now that this
   * import wrote their missing end: with `collectPlan` they go into the plan too, since the import
   * writes them (a change opened from the import must plan what the import would write).
   */
  async persistArrivals(writes: PendingWrites, refs: Map<string, string>): Promise<void> {
    if (this.plan) planArrivals(this.plan, writes, refs);
    await this.persist(writes);
  }

  /** Persists writes computed outside the batch loop (pruning), after the write guard. */
  async persist(writes: PendingWrites, refs?: Map<string, string>): Promise<void> {
    if (this.plan && refs) planDeletions(this.plan, writes, refs);
    if (isEmpty(writes)) return;
    await this.held.release();
    await this.cmdb.checkWrite(this.tx, writes, this.meta);
    await this.send(writes);
  }

  /** Writes versions the write guard let through. */
  private async send(writes: PendingWrites): Promise<void> {
    // Noted before the versions are sent, not after: noting reads the references that wait for
    // these CIs (never the versions), and a read sent after a large batch waits for the server to
    // insert it, where the process could build the next batch meanwhile (issue 14).
    await this.written.add(writes);
    await persistVersions(this.tx, this.rev, writes);
    // Past what it keeps in memory, the import is large: let the store cache less of it.
    if (!this.written.complete) this.tx.largeWrite(true);
  }

  private addCi(batch: ImportBatch, i: number): void {
    const ci = batch.cis[i]!;
    // A record of the usual shape is checked in flush, after screening: in full if it may write
    // something, only for what its hash does not cover if the CMDB holds it as given.
    if (!screenable(ci, CI_KEYS)) {
      const errors: FieldError[] = [];
      checkCi(ci, '', errors);
      return this.reject(locate(batch, 'ci', i), errors);
    }
    const key = refKey(ci.class, ci.name);
    if (!this.named.addCi(key))
      return this.reject(locate(batch, 'ci', i), [{ path: '', message: `${key} appears twice in the input` }]);
    this.pending.state.cis.push(ci);
    this.pending.ciRefs.push(key);
    this.pending.ciNumbers.push(this.named.lastCi);
    this.pending.ciAt.from.push(batch);
    this.pending.ciAt.index.push(i);
  }

  private addRelation(batch: ImportBatch, i: number, registry: ModelRegistry): void {
    const r = batch.relations[i]!;
    if (!screenable(r, RELATION_KEYS)) {
      const errors: FieldError[] = [];
      checkRelation(r, '', errors);
      return this.reject(locate(batch, 'relation', i), errors);
    }
    // Keyed by its type's own name, source first: given again by the inverse name (`hosts s→a`
    // after `runs_on a→s`) it is the same relationship, a repeat in a later batch as in the same
    // one, not a second version of it planned in the same revision. A type the model does not
    // know yet (declared by this input) is keyed as written.
    const known = registry.relationType(r.type);
    const ready = known?.inverted
      ? this.named.addRelationEnds(known.definition.name, r.to, r.from)
      : this.named.addRelationEnds(known?.definition.name ?? r.type, r.from, r.to);
    if (ready === undefined) {
      const inverse = known?.definition.inverse;
      const names = inverse ? ` (as ${known.definition.name} or ${inverse})` : '';
      return this.reject(locate(batch, 'relation', i), [
        { path: '', message: `${r.type} from ${r.from} to ${r.to} appears twice in the input${names}` },
      ]);
    }
    // Ends the input has named are written by now (or in this batch); others may come later. A
    // deferred one keeps its position, not its batch: the batch is let go. It is checked now, as
    // it may be set aside unresolved before any flush.
    if (!ready) {
      const errors: FieldError[] = [];
      checkRelation(r, '', errors);
      if (errors.length > 0) return this.reject(locate(batch, 'relation', i), errors);
    }
    const into = ready ? this.pending : this.deferred;
    if (ready) {
      const [first, second] = this.named.lastEnds;
      if (known?.inverted) into.relationEnds.push(second, first);
      else into.relationEnds.push(first, second);
    }
    into.state.relations.push(r);
    into.relationAt.from.push(ready ? batch : locate(batch, 'relation', i));
    into.relationAt.index.push(i);
  }

  private async flush(): Promise<void> {
    const pending = this.pending;
    this.pending = emptyPending();
    if (isEmptyState(pending.state)) return;
    const { state } = pending;
    const options = this.cmdb.computeOptions(this.tx, this.rev, this.meta.source ?? null, true);
    // The screen and the plan ask both of every relationship's ends: answered once per batch. Exact,
    // as nothing the import remembers or creates changes before the plan has been made.
    const idOf = memo((ref: string) => this.named.idOf(ref));
    // A re-import creates none: then no id needs hashing to answer, not even into the memo.
    const isCreated = this.named.createdAny ? memo((id: string) => this.named.isCreated(id)) : () => false;
    // The screen finds the relationships' ends by the numbers their repeat check gave (InputNames),
    // and the plan takes the ids it found (`from` at 2i, `to` at 2i + 1) rather than look each
    // end up again by its reference.
    const ends = pending.relationEnds;
    const endIds = new Array<string | undefined>(ends.length);
    const knownEnd = (i: number, end: 0 | 1) => (endIds[2 * i + end] = this.named.idOfNumber(ends[2 * i + end]!));
    // Records the CMDB already holds as given are dropped before anything is built for them.
    const screened = await screenUnchanged(
      this.tx,
      state,
      await options.registry(),
      idOf,
      isCreated,
      pending.ciRefs,
      (source) => this.held.writesFrom(source),
      ends.length > 0 ? knownEnd : undefined,
      this.storedMostly,
    );
    // Most of this batch's CIs stored: the next batch's are likely to be too (a re-import).
    if (state.cis.length > 0)
      this.storedMostly = 2 * screened.ciIds.filter((id) => id !== undefined).length > state.cis.length;
    // Read: the batch before may be written now, while this one is planned.
    await this.held.release();
    checkScreened(pending, screened, this.reject, this.classesNamed, this.typesNamed);
    this.unchanged.cis += screened.unchanged.cis;
    this.unchanged.relations += screened.unchanged.relations;
    const { state: rest, ciRefs, ciNumbers, ciAt, relationAt } = keepScreened(pending, screened);
    // CIs written or read stay current until the end, and later batches only need their ids (as
    // relationship ends): keep those, by the input's number for each reference.
    // The batch's CI records by the numbers the repeat check gave them: no reference looked up again.
    const rememberRead = () => {
      screened.ciIds.forEach((id, i) => id !== undefined && this.named.rememberIdOfNumber(pending.ciNumbers[i]!, id));
      for (const ref of screened.endRefs) this.named.rememberId(ref, screened.read.get(ref)!.id);
    };
    if (isEmptyState(rest)) {
      rememberRead();
      return this.options.onProgress?.({ ...this.read });
    }
    const computed = await computeWrites(this.tx, rest, {
      ...options,
      knownIds: idOf,
      createdIds: { has: isCreated },
      absent: screened.absent,
      ciRefs,
      knownEnds: ends.length > 0 ? (j, end) => endIds[2 * screened.relations[j]! + end] : undefined,
    });
    rememberRead();
    rememberPlanned(this.named, rest, ciRefs, ciNumbers, computed.current, computed.writes.cis);
    const rejected = rejectRefused(computed.rejected, ciAt, relationAt, this.reject);
    this.unchanged.cis += rest.cis.length - rejected.cis.size - computed.writes.cis.length;
    this.unchanged.relations += rest.relations.length - rejected.relations.size - computed.writes.relations.length;
    if (this.plan)
      await collectPlan(this.plan, rest, computed.writes, computed.refs, () => this.cmdb.registry(undefined, this.tx));
    if (!isEmpty(computed.writes)) {
      // Guarded now, as when it was written at once: a refusal comes before the next batch is read.
      await this.cmdb.checkWrite(this.tx, computed.writes, this.meta);
      await this.held.hold(computed.writes);
    }
    this.options.onProgress?.({ ...this.read });
  }

  /** Notes a record's problems; a field made once, as it is handed to the checks (check-batch.ts). */
  private readonly reject: Reject = (position, errors) => {
    for (const e of errors) {
      const path = e.path.replace(/^\./, '');
      this.problems.push({ ...position, message: path === '' ? e.message : `${path} ${e.message}` });
    }
  };
}
