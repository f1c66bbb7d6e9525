import { ImportService } from '../../src/core/import/import.service.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { META, type BenchContext } from '../context.js';
import { collectGarbage, now } from '../measure.js';
import { rawInsert } from '../raw-baseline.js';

/** Items per batch handed to the import service: what an importer streaming ndjson hands over. */
const BATCH = 5000;

/**
 * The estate's batches, and the time spent making them. The figures leave that time out, as the
 * raw baseline builds its rows outside the clock: the generator's work (names padded, pseudo-random
 * attributes, about 0.4 s per 100 000 CIs) is the bench's, not the import's.
 */
class MadeInput {
  ms = 0;

  *of<T>(batches: Iterable<T>): Generator<T> {
    const it = batches[Symbol.iterator]();
    for (;;) {
      const t = now();
      const next = it.next();
      this.ms += now() - t;
      if (next.done) return;
      yield next.value;
    }
  }
}

/** What the bulk import took, the time the bench spent making its input left out. */
export interface BulkImport {
  rev: number;
  ciSeconds: number;
  relationSeconds: number;
}

/**
 * Bulk import of the whole estate as ONE revision, CIs first then relationships (their ends must
 * exist), timed per phase; beside it the raw driver inserts of the same rows in the same run.
 * Returns the import's revision.
 */
export async function importCase(ctx: BenchContext): Promise<number> {
  ctx.log('raw driver inserts');
  const raw = await rawInsert(ctx.db, ctx.estate);
  // The raw baseline builds its rows up front: its memory is not the import's.
  ctx.startPhase('rss.import');
  const bulk = await bulkImport(ctx);
  ctx.record('raw.cis', ctx.estate.size / raw.ciSeconds);
  ctx.record('raw.relations', raw.relations / raw.relationSeconds);
  ctx.record('import.cis_vs_raw', (100 * raw.ciSeconds) / bulk.ciSeconds);
  ctx.record('import.relations_vs_raw', (100 * raw.relationSeconds) / bulk.relationSeconds);
  ctx.record(
    'import.total_vs_raw',
    (100 * (raw.ciSeconds + raw.relationSeconds)) / (bulk.ciSeconds + bulk.relationSeconds),
  );
  return bulk.rev;
}

/**
 * The import alone (no baseline beside it): the estate streamed batch by batch through the import
 * service as one revision, CI phase and relationship phase timed on their own. The scale run
 * (bench/scale.ts) runs only this, since the raw baseline holds its ids in memory.
 */
export async function bulkImport(ctx: BenchContext): Promise<BulkImport> {
  const { estate } = ctx;
  ctx.log('bulk import with history');
  const start = now();
  let ciDone = 0;
  let ciMade = 0;
  let relationCount = 0;
  const made = new MadeInput();
  function* input(): Generator<ImportBatch> {
    for (const cis of made.of(estate.ciBatches(BATCH))) yield { cis, relations: [] };
    // Pulled only once the last CI batch is persisted: the CI phase ends here.
    ciDone = now();
    ciMade = made.ms;
    ctx.record('import.cis', estate.size / ((ciDone - start - ciMade) / 1000));
    for (const relations of made.of(estate.relationBatches(BATCH))) {
      relationCount += relations.length;
      yield { cis: [], relations };
    }
  }
  const outcome = await importer(ctx).import(input(), { ...META, message: 'bulk import' });
  const end = now();
  const ciSeconds = (ciDone - start - ciMade) / 1000;
  const relationSeconds = (end - ciDone - (made.ms - ciMade)) / 1000;
  ctx.record('import.relations', relationCount / relationSeconds);
  ctx.record(
    'import.total',
    (estate.size + relationCount) / (ciSeconds + relationSeconds),
    `${(ciSeconds + relationSeconds).toFixed(1)} s for ${estate.size} CIs + ${relationCount} relationships (making the input: ${(made.ms / 1000).toFixed(1)} s more)`,
  );
  collectGarbage();
  return { rev: outcome.revision!.rev, ciSeconds, relationSeconds };
}

/** The same input again with 1 % of the CIs changed: one revision, content hashes skip the rest. */
export async function reimportCase(ctx: BenchContext): Promise<void> {
  const { estate } = ctx;
  ctx.log('re-import, 1 % changed');
  const made = new MadeInput();
  function* input(): Generator<ImportBatch> {
    for (const cis of made.of(estate.ciBatches(BATCH, 1))) yield { cis, relations: [] };
    for (const relations of made.of(estate.relationBatches(BATCH))) yield { cis: [], relations };
  }
  const start = now();
  const outcome = await importer(ctx).import(input(), { ...META, message: 're-import' });
  const seconds = (now() - start - made.ms) / 1000;
  ctx.record(
    'reimport.cis',
    estate.size / seconds,
    `${outcome.counts.cis.added + outcome.counts.cis.modified + outcome.counts.cis.removed} CI versions written in ${seconds.toFixed(2)} s, relationships included (making the input: ${(made.ms / 1000).toFixed(2)} s more)`,
  );
  collectGarbage();
}

function importer(ctx: BenchContext): ImportService {
  return new ImportService({ store: ctx.store, cmdb: ctx.services.cmdb, clock: systemClock });
}
