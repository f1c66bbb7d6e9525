import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import { tuneRuntimeForServing } from '../src/app/serving-runtime.js';
import { MemoryGraph } from '../src/core/graph/memory-graph.js';
import { createCmdbServices } from '../src/core/cmdb/cmdb-services.js';
import { openStore } from '../src/store/connect.js';
import type { Engine } from '../src/store/engine.js';
import { apiCase } from './cases/api.js';
import { concurrentWritesCase } from './cases/concurrent-writes.js';
import { driftCase } from './cases/drift.js';
import { historyCase, recordThousandCase } from './cases/history.js';
import { importCase, reimportCase } from './cases/import.js';
import { impactCase, loadGraph } from './cases/impact.js';
import { readsCase } from './cases/reads.js';
import type { BenchContext } from './context.js';
import { DEFAULT_PG_URL, postgresDatabase, sqliteDatabase } from './databases.js';
import { Estate } from './estate.js';
import { gitCompare, thousandChanged, type GitTimes } from './git-compare.js';
import { collectGarbage } from './measure.js';
import { PeakRss } from './peak-rss.js';
import { rawRecord } from './raw-record.js';
import { jsonReport, textReport, type EngineResult, type Figure, type FigureKey, type RssKey } from './report.js';

/** Above this many CIs the Git comparison is skipped unless --git-size asks for it (1M files take minutes). */
const GIT_DEFAULT_LIMIT = 200_000;

const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '100000' },
    engine: { type: 'string', default: 'both' },
    json: { type: 'boolean', default: false },
    'skip-git': { type: 'boolean', default: false },
    'api-seconds': { type: 'string', default: '5' },
    'git-size': { type: 'string' },
    'pg-url': { type: 'string', default: process.env.CAIRN_BENCH_PG_URL ?? DEFAULT_PG_URL },
  },
});

const size = Number(values.size);
if (!Number.isInteger(size) || size < 100) throw new Error('--size must be a whole number of at least 100');
const engines: Engine[] =
  values.engine === 'both'
    ? ['sqlite', 'postgres']
    : values.engine === 'sqlite' || values.engine === 'postgres'
      ? [values.engine]
      : [];
if (engines.length === 0) throw new Error('--engine must be sqlite, postgres or both');
const log = (m: string) => process.stderr.write(`[bench] ${m}\n`);
// The services are measured as `cairn serve` runs them: the import too, which a short `cairn
// import` runs with V8's default and a few per cent faster (docs/benchmarks.md).
tuneRuntimeForServing();
const peakRss = new PeakRss();

async function runEngine(
  engine: Engine,
  estate: Estate,
  changed: number[],
): Promise<{ result: EngineResult; record: number; floor: number }> {
  const db = engine === 'sqlite' ? sqliteDatabase() : await postgresDatabase(values['pg-url']);
  const figures: Figure[] = [];
  try {
    // As `cairn serve` opens it: its connections kept.
    const store = await openStore(db.url, { keepConnections: true });
    try {
      const graph = new MemoryGraph();
      const services = createCmdbServices(store, { graph });
      await services.cmdb.initialize('bench');
      const pg = engine === 'postgres';
      const ctx: BenchContext = {
        db,
        store,
        services,
        graph,
        estate,
        importRev: 0,
        samples: {
          reads: pg ? 2000 : 5000,
          impact: 500,
          impactPast: pg ? 50 : 100,
          changes: pg ? 1000 : 10_000,
          concurrentChanges: pg ? 2000 : 4000,
          baselines: 200,
          // p95 of 20 diffs is the second worst one: resampling 150–200 diffs at 100 000 CIs, its
          // 10–90 % range was 40–80 ms (SQLite, busy machine) against 50–69 ms for p95 of 100, and
          // its median the lower (issue 14). A diff takes 10–40 ms, so 100 cost a few seconds.
          diffs: 100,
        },
        record: (key: FigureKey, value: number, note?: string) =>
          figures.push({ key, value, ...(note ? { note } : {}) }),
        log: (m) => log(`${engine}: ${m}`),
        startPhase: () => undefined,
      };
      // Each phase's peak RSS: the memory a real run of that operation needs (the bench's own
      // estate generator and figures included, a few MiB). A case may start a phase of its own
      // (the import case: raw inserts, then the import).
      let current: RssKey | undefined;
      const endPhase = () => {
        if (current === undefined) return;
        const heap = process.memoryUsage().heapUsed / 2 ** 20;
        const peak = peakRss.peakMiB();
        ctx.record(current, peak, `heap used at its end ${heap.toFixed(0)} MiB`);
        ctx.log(`${current}: peak ${peak.toFixed(0)} MiB, heap used at its end ${heap.toFixed(0)} MiB`);
        current = undefined;
      };
      ctx.startPhase = (key) => {
        endPhase();
        collectGarbage();
        peakRss.reset();
        current = key;
      };
      const phase = async <T>(key: RssKey, work: () => Promise<T>): Promise<T> => {
        // Each case on a settled store: the last one's WAL copied back, its statistics taken.
        await store.settle();
        ctx.startPhase(key);
        const out = await work();
        endPhase();
        return out;
      };
      ctx.importRev = await phase('rss.raw', () => importCase(ctx));
      await phase('rss.reimport', () => reimportCase(ctx));
      await phase('rss.graph', async () =>
        ctx.record('graph.load', await loadGraph(store, services.cmdb, graph), `${graph.size} CIs with relationships`),
      );
      await phase('rss.reads', () => readsCase(ctx));
      await phase('rss.impact', () => impactCase(ctx));
      await phase('rss.history', () => historyCase(ctx));
      await phase('rss.concurrent', () => concurrentWritesCase(ctx));
      await phase('rss.drift', () => driftCase(ctx));
      const rec = await phase('rss.record', () => recordThousandCase(ctx, changed));
      const record = rec.apply + rec.baseline + rec.diff;
      ctx.record(
        'git.cairn',
        record * 1000,
        `apply ${ms(rec.apply)}, baseline ${ms(rec.baseline)}, diff ${ms(rec.diff)}`,
      );
      // The floor on a store as settled as Cairn's record found it.
      await store.settle();
      const bare = await rawRecord(db, estate, changed);
      const floor = bare.apply + bare.baseline + bare.diff;
      ctx.record(
        'git.floor',
        floor * 1000,
        `apply ${ms(bare.apply)} (its commit ${ms(bare.commit)}), baseline ${ms(bare.baseline)}, diff ${ms(bare.diff)}; 1 000 other CIs`,
      );
      // Last: the API case's load (another process hammering this one for seconds) leaves the
      // store connection's pages slow to touch for a while after it, in this process alone (the
      // floor's fresh connection is not): run before the record case, it made Cairn's apply of
      // 1 000 CIs at 100k take 160–240 ms instead of 66–87 (issue 14, seventeenth round).
      if (Number(values['api-seconds']) > 0) await phase('rss.api', () => apiCase(ctx, Number(values['api-seconds'])));
      const bytes = await db.sizeOnDisk();
      const versions = await countVersions(store);
      ctx.record(
        'size.bytes',
        bytes / 2 ** 20,
        `${versions} versions, ${(bytes / versions).toFixed(0)} bytes per version (indexes included)`,
      );
      ctx.record('size.per2m', ((bytes / versions) * 2_000_000) / 2 ** 20);
      return { result: { engine, figures }, record, floor };
    } finally {
      await store.close();
    }
  } finally {
    await db.drop();
    collectGarbage();
  }
}

async function countVersions(store: Awaited<ReturnType<typeof openStore>>): Promise<number> {
  const count = async (table: 'ci_versions' | 'relation_versions') =>
    Number(
      (
        await store.kysely
          .selectFrom(table)
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );
  return (await count('ci_versions')) + (await count('relation_versions'));
}

const ms = (s: number) => `${(s * 1000).toFixed(1)} ms`;

async function main(): Promise<void> {
  const estate = new Estate(size);
  const relations = estate.relationCount();
  const changed = thousandChanged(estate);
  const notes: string[] = [];
  const results: EngineResult[] = [];
  const records = new Map<Engine, { record: number; floor: number }>();
  for (const engine of engines) {
    const { result, ...times } = await runEngine(engine, estate, changed);
    results.push(result);
    records.set(engine, times);
  }

  let git: GitTimes | undefined;
  const gitSize =
    values['git-size'] !== undefined ? Number(values['git-size']) : size <= GIT_DEFAULT_LIMIT ? size : undefined;
  if (values['skip-git']) notes.push('Git comparison skipped (--skip-git).');
  else if (gitSize === undefined)
    notes.push(
      `Git comparison skipped: ${size} CIs is more than ${GIT_DEFAULT_LIMIT} files; pass --git-size N to run it.`,
    );
  else {
    const gitEstate = gitSize === size ? estate : new Estate(gitSize);
    git = gitCompare(gitEstate, gitSize === size ? changed : thousandChanged(gitEstate), log);
    if (gitSize !== size) notes.push(`Git ran on ${gitSize} files, Cairn on ${size} CIs.`);
    const gitTotal = git.stage + git.commit + git.tag + git.diff;
    for (const r of results) {
      r.figures.push({ key: 'git.git', value: gitTotal * 1000 });
      const { record, floor } = records.get(r.engine)!;
      r.figures.push({ key: 'git.ratio', value: gitTotal / record });
      r.figures.push({ key: 'git.floor_ratio', value: gitTotal / floor });
    }
  }
  peakRss.stop();
  const heapLimit = getHeapStatistics().heap_size_limit / 2 ** 20;
  notes.push(
    `Peak RSS per phase ${peakRss.exact ? 'from the kernel high-water mark (VmHWM, reset per phase)' : 'sampled every 50 ms'}; heap limit ${heapLimit.toFixed(0)} MiB (Node's default unless NODE_OPTIONS sets it).`,
  );
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  const result = { size, relations, machine, engines: results, git: git && { ...git }, notes };
  process.stdout.write(`${values.json ? jsonReport(result) : textReport(result)}\n`);
}

await main();
