import { cpus, totalmem } from 'node:os';
import { parseArgs } from 'node:util';
import { getHeapStatistics } from 'node:v8';
import pg from 'pg';
import { MemoryGraph } from '../src/core/graph/memory-graph.js';
import { createCmdbServices } from '../src/core/cmdb/cmdb-services.js';
import { openStore } from '../src/store/connect.js';
import { historyCase } from './cases/history.js';
import { bulkImport } from './cases/import.js';
import { impactPastCase, loadGraph } from './cases/impact.js';
import { readsCase } from './cases/reads.js';
import type { BenchContext } from './context.js';
import { DEFAULT_PG_URL, postgresDatabase } from './databases.js';
import { Estate } from './estate.js';
import { collectGarbage } from './measure.js';
import { PeakRss } from './peak-rss.js';
import { figureLine, fmt, textReport, type Figure, type FigureKey, type RssKey } from './report.js';
import { sizesReport, tableSizes } from './table-sizes.js';

/**
 * The scale run (`npm run bench:scale`): PostgreSQL only, one large estate (10 million CIs by
 * default), measured for what matters at that size and nothing that needs the estate in memory.
 *
 * - the bulk import as one revision (no raw baseline: it keeps every id it wrote),
 * - size on disk per table and index, with row counts,
 * - single-CI changes, the diff of baselines 1 000 changes apart, baseline create,
 * - point reads current and as of the import revision (by then a past one),
 * - impact to depth 6 as of the import revision, through SQL,
 * - with `--graph`, the in-memory graph's load time and memory.
 *
 * Each figure is printed to stderr the moment it is measured, so a run cut short still yields
 * the figures it reached; the whole table goes to stdout at the end. The database is dropped at
 * the end unless `--keep`.
 */
const { values } = parseArgs({
  options: {
    size: { type: 'string', default: '10000000' },
    'pg-url': { type: 'string', default: process.env.CAIRN_BENCH_PG_URL ?? DEFAULT_PG_URL },
    'import-only': { type: 'boolean', default: false },
    graph: { type: 'boolean', default: false },
    keep: { type: 'boolean', default: false },
  },
});

const size = Number(values.size);
if (!Number.isInteger(size) || size < 100) throw new Error('--size must be a whole number of at least 100');
const started = Date.now();
const log = (m: string) =>
  process.stderr.write(`[scale ${((Date.now() - started) / 1000).toFixed(0).padStart(5)} s] ${m}\n`);

/** The server settings that matter at this size, as the run found them. */
const SETTINGS = [
  'shared_buffers',
  'work_mem',
  'maintenance_work_mem',
  'max_wal_size',
  'checkpoint_timeout',
  'autovacuum',
  'synchronous_commit',
  'effective_cache_size',
];

async function serverSettings(url: string): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    const rows = await client.query<{ name: string; value: string }>(
      'select name, current_setting(name) as value from pg_settings where name = any($1) order by name',
      [SETTINGS],
    );
    const version = (await client.query<{ v: string }>("select current_setting('server_version') as v")).rows[0]!.v;
    return `PostgreSQL ${version}; ${rows.rows.map((r) => `${r.name} ${r.value}`).join(', ')}`;
  } finally {
    await client.end();
  }
}

async function main(): Promise<void> {
  const estate = new Estate(size);
  const heapLimit = getHeapStatistics().heap_size_limit / 2 ** 20;
  const machine = `${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Node ${process.version}`;
  log(`${fmt(size)} CIs on PostgreSQL; ${machine}; heap limit ${heapLimit.toFixed(0)} MiB`);
  const db = await postgresDatabase(values['pg-url']);
  const settings = await serverSettings(db.url);
  log(settings);
  const figures: Figure[] = [];
  const peakRss = new PeakRss();
  const heapPeak = new HeapPeak();
  try {
    const store = await openStore(db.url);
    try {
      // No in-memory graph behind the services: every read here goes to the database, as a
      // replica or a server whose graph has not loaded would serve it.
      const services = createCmdbServices(store);
      await services.cmdb.initialize('bench');
      const graph = new MemoryGraph();
      let current: RssKey | undefined;
      const ctx: BenchContext = {
        db,
        store,
        services,
        graph,
        estate,
        importRev: 0,
        samples: {
          reads: 2000,
          impact: 500,
          impactPast: 50,
          changes: 1000,
          concurrentChanges: 0,
          baselines: 200,
          diffs: 20,
        },
        record: (key: FigureKey, value: number, note?: string) => {
          const f = { key, value, ...(note ? { note } : {}) };
          figures.push(f);
          log(figureLine(f));
        },
        log,
        startPhase: (key) => {
          endPhase();
          collectGarbage();
          peakRss.reset();
          heapPeak.take();
          current = key;
        },
      };
      const endPhase = () => {
        if (current === undefined) return;
        const heap = process.memoryUsage().heapUsed / 2 ** 20;
        ctx.record(
          current,
          peakRss.peakMiB(),
          `heap used at most ${(heapPeak.take() / 2 ** 20).toFixed(0)} MiB (sampled each second), at its end ${heap.toFixed(0)} MiB`,
        );
        current = undefined;
      };
      const phase = async (key: RssKey, work: () => Promise<void>) => {
        ctx.startPhase(key);
        await work();
        endPhase();
      };

      await phase('rss.import', async () => {
        ctx.importRev = (await bulkImport(ctx)).rev;
      });
      await printSizes(db.url, 'after the import');
      if (!values['import-only']) {
        // Changes first, so that the import revision is a past one when reads and impact ask for it.
        await phase('rss.history', () => historyCase(ctx));
        await phase('rss.reads', () => readsCase(ctx));
        await phase('rss.impact', async () => {
          log('impact analysis as of the import revision');
          await impactPastCase(ctx);
        });
        if (values.graph)
          await phase('rss.graph', async () =>
            ctx.record(
              'graph.load',
              await loadGraph(store, services.cmdb, graph),
              `${graph.size} CIs with relationships`,
            ),
          );
        const sizes = await printSizes(db.url, 'at the end');
        const versions = sizes.tables
          .filter((t) => t.table === 'ci_versions' || t.table === 'relation_versions')
          .reduce((n, t) => n + t.rows, 0);
        const bytes = await db.sizeOnDisk();
        ctx.record(
          'size.bytes',
          bytes / 2 ** 20,
          `${versions} versions, ${(bytes / versions).toFixed(0)} bytes per version (indexes included)`,
        );
      }
    } finally {
      await store.close();
    }
  } finally {
    peakRss.stop();
    heapPeak.stop();
    if (values.keep) log(`database kept: ${db.url}`);
    else await db.drop();
  }
  const notes = [
    settings,
    `Peak RSS per phase ${peakRss.exact ? 'from the kernel high-water mark (VmHWM, reset per phase)' : 'sampled every 50 ms'}; heap limit ${heapLimit.toFixed(0)} MiB.`,
    `Run took ${((Date.now() - started) / 60_000).toFixed(1)} min.`,
  ];
  const relations = estate.relationCount();
  process.stdout.write(
    `${textReport({ size, relations, machine, engines: [{ engine: 'postgres', figures }], notes })}\n`,
  );
}

/**
 * The most heap used since the last `take`, sampled each second: how close a large import comes to
 * the heap limit (the import awaits the database between batches, so the timer runs).
 */
class HeapPeak {
  private peak = 0;
  private readonly timer = setInterval(() => this.sample(), 1000).unref();

  take(): number {
    this.sample();
    const peak = this.peak;
    this.peak = 0;
    return peak;
  }

  stop(): void {
    clearInterval(this.timer);
  }

  private sample(): void {
    this.peak = Math.max(this.peak, process.memoryUsage().heapUsed);
  }
}

async function printSizes(url: string, when: string) {
  const sizes = await tableSizes(url);
  log(`size on disk ${when}:\n${sizesReport(sizes)}`);
  return sizes;
}

await main();
