import type { CmdbService } from '../ci/cmdb.service.js';
import type { CmdbStore } from '../ports/cmdb-store.port.js';
import { appendRevision, isEmpty, nextRevision } from '../revision/persist-revision.js';
import type { WriteMeta } from '../revision/revision.types.js';
import type { Clock } from '../shared/clock.js';
import { pruneSource } from './import-prune.js';
import { ImportRun } from './import-run.js';
import type { ImportBatch, ImportOptions, ImportOutcome, ImportProblem } from './import.types.js';

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
  constructor(private readonly deps: { store: CmdbStore; cmdb: CmdbService; clock: Clock }) {}

  async import(input: AsyncIterable<ImportBatch> | Iterable<ImportBatch>, meta: WriteMeta, options: ImportOptions = {}): Promise<ImportOutcome> {
    const { store, cmdb, clock } = this.deps;
    try {
      const outcome = await store.write(async (tx) => {
        const next = await nextRevision(tx);
        const run = new ImportRun(tx, cmdb, next.rev, meta, options);
        for await (const batch of input) await run.add(batch);
        await run.finish((r) => pruneSource(tx, cmdb, meta.source!, r));
        const base = { revision: null, writes: run.writes, problems: byPosition(run.problems), read: run.read, dryRun: options.dryRun ?? false, refused: false, ...(run.plan ? { plan: run.plan } : {}) };
        if (run.problems.length > 0 && !options.skipInvalid) throw new Rollback({ ...base, refused: true });
        if (options.dryRun) throw new Rollback(base);
        if (isEmpty(run.writes)) return base;
        const revision = await appendRevision(tx, next, meta, clock, run.writes);
        return { ...base, revision };
      });
      if (outcome.revision) cmdb.notify({ revision: outcome.revision, writes: outcome.writes, refs: new Map() });
      return outcome;
    } catch (e) {
      if (e instanceof Rollback) return e.outcome;
      throw e;
    }
  }
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
