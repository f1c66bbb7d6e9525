import type { CmdbService } from '../cmdb/cmdb.service.js';
import { describeCounts } from '../cmdb/write-views.js';
import type { DesiredState } from '../ci/desired-state.js';
import type { CmdbStore, CmdbWriter } from '../cmdb/cmdb.port.js';
import { resolveArrivals } from '../cmdb/resolve-arrivals.js';
import { appendRevision, nextRevision } from '../cmdb/persist-revision.js';
import type { WriteMeta } from '../revision/revision.types.js';
import type { Clock } from '../shared/clock.js';
import { InputError } from '../shared/errors.js';
import { pruneSource } from './import-prune.js';
import { ImportRun } from './import-run.js';
import { importReport, type ImportReport } from './import-report.js';
import type { ImportBatch, ImportOptions, ImportOutcome, ImportProblem } from './import.types.js';

/** What `cairn import` and POST /import ask for, besides the records. */
export interface ImportRequest extends Pick<
  ImportOptions,
  'prune' | 'scope' | 'dryRun' | 'skipInvalid' | 'batchSize' | 'onProgress'
> {
  /** Write nothing: open a change, requested by `actor`, whose plan is exactly what the import would write. */
  asChange?: { title: string; actor: string };
}

/** Opens a normal change (the change service); only `asChange` needs it. */
export interface ChangeOpener {
  create(
    input: { type: 'normal'; title: string; description: string; justification: string; plan: DesiredState },
    requester: string,
  ): Promise<{ ref: string; state: string }>;
}

/** Thrown inside the transaction to roll it back while handing the outcome out. */
class Rollback extends Error {
  constructor(readonly outcome: ImportOutcome) {
    super('rolled back');
  }
}

/**
 * Imports: a stream of batches from an importer written as ONE revision, all or nothing. Every
 * CI and relationship records `meta.source`. Re-importing the same input writes nothing (content
 * hashes match); `prune` retires what the source no longer names; bad records refuse the whole
 * import unless `skipInvalid`; `dryRun` computes everything and rolls back.
 */
export class ImportService {
  constructor(private readonly deps: { store: CmdbStore; cmdb: CmdbService; clock: Clock; changes?: ChangeOpener }) {}

  /**
   * An import as the CLI and the API run it: the import (or its dry run), reported with the
   * lists of what would change on a dry run, or turned into a change with `asChange`.
   * `meta.source` is the import's source, recorded on every CI and relationship.
   */
  async run(
    input: AsyncIterable<ImportBatch> | Iterable<ImportBatch>,
    meta: WriteMeta & { source: string },
    request: ImportRequest = {},
  ): Promise<ImportReport> {
    const { asChange, ...options } = request;
    if (asChange && options.dryRun)
      throw new InputError('IMPORT_OPTIONS', 'an import as a change already writes nothing: leave out the dry run', [
        { path: 'dryRun', message: 'conflicts with asChange' },
      ]);
    // As a change: compute what the import writes, roll back, and put that in a change.
    const outcome = await this.import(input, meta, {
      ...options,
      dryRun: options.dryRun || asChange !== undefined,
      collectPlan: asChange !== undefined,
    });
    if (!asChange || outcome.refused) return importReport(outcome, meta.source, this.deps.cmdb);
    return {
      ...(await importReport(outcome, meta.source)),
      change: await this.openChange(outcome, meta.source, asChange),
    };
  }

  private async openChange(
    outcome: ImportOutcome,
    source: string,
    asChange: { title: string; actor: string },
  ): Promise<{ ref: string; state: string } | null> {
    const what = describeCounts(outcome.counts);
    if (what === '' || !outcome.plan) return null;
    if (!this.deps.changes)
      throw new Error('ImportService was built without a change service: asChange is not available');
    const description = `Import from ${source}: ${what}.`;
    const change = await this.deps.changes.create(
      { type: 'normal', title: asChange.title, description, justification: description, plan: outcome.plan },
      asChange.actor,
    );
    return { ref: change.ref, state: change.state };
  }

  async import(
    input: AsyncIterable<ImportBatch> | Iterable<ImportBatch>,
    meta: WriteMeta,
    options: ImportOptions = {},
  ): Promise<ImportOutcome> {
    const { store, cmdb } = this.deps;
    try {
      // A large import shrinks the store's cache while it writes (ImportRun): it is put back, whatever the outcome.
      const outcome = await store.write((tx) =>
        this.runIn(tx, input, meta, options).finally(() => tx.largeWrite(false)),
      );
      // Listeners get the versions only when the run kept them all; otherwise they reload.
      if (outcome.revision)
        cmdb.notify({ revision: outcome.revision, writes: outcome.writesComplete ? outcome.writes : undefined });
      return outcome;
    } catch (e) {
      if (e instanceof Rollback) return e.outcome;
      throw e;
    }
  }

  /** The import inside its transaction. */
  private async runIn(
    tx: CmdbWriter,
    input: AsyncIterable<ImportBatch> | Iterable<ImportBatch>,
    meta: WriteMeta,
    options: ImportOptions,
  ): Promise<ImportOutcome> {
    const { cmdb, clock } = this.deps;
    const next = await nextRevision(tx);
    const run = new ImportRun(tx, cmdb, next.rev, meta, options);
    await run.addAll(input);
    await run.finish((r) => pruneSource(tx, cmdb, meta.source!, r));
    const resolved = await keepReferences(tx, cmdb, run, next.rev, meta.source, clock.now().toISOString());
    const base = {
      revision: null,
      writes: run.written.kept,
      writesComplete: run.written.complete,
      counts: run.written.counts,
      problems: byPosition(run.problems),
      skipped: run.skipped,
      unresolved: run.unresolved,
      resolved,
      unchanged: run.unchanged,
      read: run.read,
      dryRun: options.dryRun ?? false,
      refused: false,
      ...(run.plan ? { plan: run.plan } : {}),
    };
    if (run.problems.length > 0 && !options.skipInvalid) throw new Rollback({ ...base, refused: true });
    if (options.dryRun) throw new Rollback(base);
    if (run.written.isEmpty) return base;
    // A large import no longer holds its versions: the hash reads them back from the store.
    const hashFrom = run.written.complete ? 'memory' : 'store';
    const revision = await appendRevision(tx, next, meta, clock, run.written.kept, hashFrom);
    return { ...base, revision };
  }
}

/**
 * Records the references the import kept waiting (they replace the source's earlier ones), and
 * turns into relationships those earlier imports left waiting for a CI this import wrote.
 * Returns how many it resolved.
 */
async function keepReferences(
  tx: CmdbWriter,
  cmdb: CmdbService,
  run: ImportRun,
  rev: number,
  source: string | undefined,
  now: string,
): Promise<number> {
  if (source !== undefined) {
    const ids = cmdb.computeOptions(tx, rev, source).ids;
    await tx.replaceUnresolvedRefs(
      source,
      run.unresolved.map((n) => ({
        id: ids.next('uref'),
        source,
        type: n.type,
        from: n.from,
        to: n.to,
        missing: n.missing,
        ...(n.attributes ? { attributes: n.attributes } : {}),
        file: n.file,
        ...(n.location !== undefined ? { location: n.location } : {}),
        recordedAt: now,
        resolvedAt: null,
        resolvedRev: null,
      })),
    );
  }
  const arrivals = await resolveArrivals(
    tx,
    (reader, r, s) => cmdb.computeOptions(reader, r, s, true),
    rev,
    // Every CI the run created, or (a large run) those that references wait for: all resolving needs.
    run.written.kept,
    now,
  );
  await run.persistArrivals(arrivals.writes, arrivals.refs);
  return arrivals.resolved.length;
}

/**
 * Problems in input order: an importer reports syntax errors as it reads and the service finds
 * field errors a batch later, so sort by file (in order of appearance), then line.
 */
function byPosition(problems: ImportProblem[]): ImportProblem[] {
  const files = new Map<string, number>();
  for (const p of problems) if (!files.has(p.file)) files.set(p.file, files.size);
  const line = (p: ImportProblem) => Number(/^line (\d+)/.exec(p.location ?? '')?.[1] ?? Number.MAX_SAFE_INTEGER);
  return problems
    .map((p, i) => ({ p, i }))
    .sort((a, b) => files.get(a.p.file)! - files.get(b.p.file)! || line(a.p) - line(b.p) || a.i - b.i)
    .map((x) => x.p);
}
