import { sql } from 'kysely';
import BetterSqlite3 from 'better-sqlite3';
import { copyFileSync, statSync } from 'node:fs';
import { afterAll, describe, expect, it } from 'vitest';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import type { CmdbWriter } from '../../src/core/cmdb/cmdb.port.js';
import { ImportService } from '../../src/core/import/import.service.js';
import type { ImportBatch } from '../../src/core/import/import.types.js';
import { systemClock } from '../../src/core/shared/clock.js';
import { openStore, type KyselyCmdbStore } from '../../src/store/connect.js';
import type { CmdbTransaction } from '../../src/store/repositories/cmdb/cmdb.transaction.js';
import { SQLITE_CACHE_KIB, SQLITE_LARGE_WRITE_CACHE_KIB } from '../../src/store/sqlite-cache.js';
import { engines } from '../helpers/engines.js';
import { makeCi, meta } from '../helpers/fixtures.js';
import { driverEvents, type Sent } from '../helpers/pg-driver-events.js';

const sqlite = engines().find((h) => h.engine === 'sqlite')!;

/** The page cache of the connection a write transaction runs on, in KiB. */
async function cacheKib(tx: CmdbWriter): Promise<number> {
  const { rows } = await sql<{ cache_size: number }>`pragma cache_size`.execute((tx as CmdbTransaction).db);
  return -rows[0]!.cache_size;
}

/** The store, with the transaction its writes run in kept for the test to look into. */
function watched(store: KyselyCmdbStore): { store: KyselyCmdbStore; tx: () => CmdbWriter } {
  let current: CmdbWriter | undefined;
  const spy = Object.create(store) as KyselyCmdbStore;
  spy.write = (work) =>
    store.write((tx) => {
      current = tx;
      return work(tx);
    });
  return { store: spy, tx: () => current! };
}

/** Three batches of 20 hosts, each batch's hosts depending on the previous batch's (other hosts when it fails). */
function hosts(seen: number[], tx: () => CmdbWriter, fail = false): AsyncGenerator<ImportBatch> {
  return servers(fail ? 'other' : 'host', fail ? 2 : -1, async () => void seen.push(await cacheKib(tx())));
}

describe('a large import on SQLite', () => {
  afterAll(() => sqlite.cleanup());

  it('writes with a small page cache and puts the cache back after, also when it fails', async () => {
    const store = await sqlite.newStore();
    const services = createCmdbServices(store);
    await services.cmdb.initialize('large');
    const w = watched(store);
    const importer = new ImportService({ store: w.store, cmdb: services.cmdb, clock: systemClock });
    const seen: number[] = [];
    // Past what it keeps in memory after its first batch: large from there on.
    const out = await importer.import(hosts(seen, w.tx), meta('import'), { batchSize: 20, keepWritesUpTo: 10 });
    expect(out.counts).toMatchObject({ cis: { added: 60 }, relations: { added: 40 } });
    // Looked at as each later batch is asked for: the batch before may still be screened then, not
    // yet sent (ImportRun takes in the next batch meanwhile), but the first is sent by the last look.
    expect(seen.at(-1)).toBe(SQLITE_LARGE_WRITE_CACHE_KIB);
    expect(await store.write(cacheKib)).toBe(SQLITE_CACHE_KIB);

    const failed: number[] = [];
    await expect(
      importer.import(hosts(failed, w.tx, true), meta('import'), { batchSize: 20, keepWritesUpTo: 10 }),
    ).rejects.toThrow('the input broke off');
    expect(failed.at(-1)).toBe(SQLITE_LARGE_WRITE_CACHE_KIB);
    expect(await store.write(cacheKib)).toBe(SQLITE_CACHE_KIB);
  });

  it('leaves the cache alone for an import it keeps whole in memory', async () => {
    const store = await sqlite.newStore();
    const services = createCmdbServices(store);
    await services.cmdb.initialize('small');
    const w = watched(store);
    const importer = new ImportService({ store: w.store, cmdb: services.cmdb, clock: systemClock });
    const seen: number[] = [];
    await importer.import(hosts(seen, w.tx), meta('import'), { batchSize: 20 });
    expect(seen).toEqual([SQLITE_CACHE_KIB, SQLITE_CACHE_KIB]);
  });

  it('leaves no WAL file larger than 64 MiB once a checkpoint has copied a large transaction back', async () => {
    const url = await sqlite.newDatabaseUrl();
    const store = await openStore(url, { backgroundCheckpoints: false });
    const services = createCmdbServices(store);
    await services.cmdb.initialize('wal');
    const wal = () => statSync(`${url}-wal`).size / 2 ** 20;
    // One transaction of about 80 MiB, as a large import is.
    await store.write(async (tx) => {
      const db = (tx as CmdbTransaction).db;
      await sql`create table scratch (b blob)`.execute(db);
      for (let i = 0; i < 80; i++) await sql`insert into scratch values (zeroblob(${2 ** 20}))`.execute(db);
    });
    expect(wal()).toBeGreaterThan(80);
    await sql`pragma wal_checkpoint(PASSIVE)`.execute(store.kysely);
    // The first commit after the checkpoint starts the WAL over, and truncates the file.
    await store.write(async (tx) => {
      await sql`insert into scratch values (x'00')`.execute((tx as CmdbTransaction).db);
    });
    expect(wal()).toBeLessThanOrEqual(64);
    await store.close();
  });

  it('settles: the WAL copied back into the database file, so that the file alone holds the last write', async () => {
    const url = await sqlite.newDatabaseUrl();
    // No checkpoint thread: only settle() copies the WAL back.
    const store = await openStore(url, { backgroundCheckpoints: false });
    const services = createCmdbServices(store);
    await services.cmdb.initialize('settle');
    // The tables themselves into the file first: a fresh database has them in its WAL.
    await store.settle();
    await services.cmdb.apply({ cis: [makeCi({ name: 'settled' })], relations: [] }, meta('settle'));
    /** Whether the database file, copied without its WAL, has the CI. */
    const inFileAlone = () => {
      const copy = `${url}-copy-${Math.random().toString(36).slice(2)}`;
      copyFileSync(url, copy);
      const db = new BetterSqlite3(copy, { readonly: true });
      try {
        return db.prepare("select count(*) as n from ci_versions where name = 'settled'").get() as { n: number };
      } finally {
        db.close();
      }
    };
    expect(inFileAlone().n).toBe(0);
    await store.settle();
    expect(inFileAlone().n).toBe(1);
    await store.close();
  });
});

const postgres = engines().find((h) => h.engine === 'postgres');

/** Autovacuum off for the version tables: the statistics measured must be the store's own doing. */
async function withoutAutovacuum(store: KyselyCmdbStore): Promise<void> {
  await sql`alter table ci_versions set (autovacuum_enabled = false)`.execute(store.kysely);
  await sql`alter table relation_versions set (autovacuum_enabled = false)`.execute(store.kysely);
}

/** How many columns of the version tables the planner has statistics for. */
async function columnsWithStatistics(store: KyselyCmdbStore): Promise<number> {
  const { rows } = await sql<{ n: string }>`select count(*) as n from pg_stats
    where schemaname = current_schema() and tablename in ('ci_versions', 'relation_versions')`.execute(store.kysely);
  return Number(rows[0]!.n);
}

/** The statistics an import takes inside its transaction: the columns ci_versions' lookups filter on. */
const ANALYZE_CI_LOOKUPS = 'analyze "ci_versions" ("id", "rev_from", "rev_to", "class", "name")';

/** The statistics taken after a large import: every column queries filter on, of both tables. */
const ANALYZE_AFTER_IMPORT =
  'analyze "ci_versions" ("id", "rev_from", "rev_to", "class", "name", "status", "source"), ' +
  '"relation_versions" ("id", "rev_from", "rev_to", "type", "source_id", "target_id", "source")';

/** How many times the version tables of the database at `url` have been analyzed, by anyone. */
async function timesAnalyzed(url: string): Promise<number> {
  const store = await openStore(url);
  try {
    const { rows } = await sql<{ n: string }>`select sum(analyze_count) as n from pg_stat_user_tables
      where schemaname = current_schema() and relname in ('ci_versions', 'relation_versions')`.execute(store.kysely);
    return Number(rows[0]!.n);
  } finally {
    await store.close();
  }
}

/**
 * Three batches of 20 servers, each depending on one of the batch before; `failAt` breaks the
 * input off, and `between` runs before each batch after the first (the import has written those
 * before it by then).
 */
async function* servers(prefix: string, failAt = -1, between?: () => Promise<void>): AsyncGenerator<ImportBatch> {
  for (let b = 0; b < 3; b++) {
    if (b > 0) await between?.();
    if (b === failAt) throw new Error('the input broke off');
    yield {
      cis: Array.from({ length: 20 }, (_, i) => makeCi({ name: `${prefix}-${b}-${i}` })),
      relations:
        b === 0
          ? []
          : Array.from({ length: 20 }, (_, i) => ({
              type: 'depends_on',
              from: `server/${prefix}-${b}-${i}`,
              to: `server/${prefix}-${b - 1}-${i}`,
            })),
    };
  }
}

// PostgreSQL alone (SQLite's planner is given no statistics): declared only where the run has it.
if (postgres)
  describe('a large import on PostgreSQL', () => {
    afterAll(() => postgres.cleanup());

    it("refreshes the planner's statistics of the version tables once it has committed, and only then", async () => {
      const store = await postgres.newStore();
      await withoutAutovacuum(store);
      const services = createCmdbServices(store);
      await services.cmdb.initialize('stats');
      const importer = new ImportService({ store, cmdb: services.cmdb, clock: systemClock });

      // Kept whole in memory: not a large import.
      await importer.import(servers('small'), meta('small'), { batchSize: 20 });
      expect(await columnsWithStatistics(store)).toBe(0);
      // Large, but failed: nothing committed, nothing to take statistics of.
      await expect(
        importer.import(servers('broken', 2), meta('broken'), { batchSize: 20, keepWritesUpTo: 10 }),
      ).rejects.toThrow('the input broke off');
      expect(await columnsWithStatistics(store)).toBe(0);

      const out = await importer.import(servers('large'), meta('large'), { batchSize: 20, keepWritesUpTo: 10 });
      expect(out.counts).toMatchObject({ cis: { added: 60 }, relations: { added: 40 } });
      expect(await columnsWithStatistics(store)).toBeGreaterThan(0);
    });

    it('takes them again after a write that ended many versions, once the write has answered', async () => {
      const url = await postgres.newDatabaseUrl();
      /** The statistics as a store opened afresh finds them, once `work` has run on a store closed after it. */
      async function statisticsAfter(
        work: (importer: ImportService, store: KyselyCmdbStore) => Promise<unknown>,
      ): Promise<number> {
        const store = await openStore(url);
        await work(new ImportService({ store, cmdb: createCmdbServices(store).cmdb, clock: systemClock }), store);
        // Closing waits for statistics the store is still taking.
        await store.close();
        const reopened = await openStore(url);
        try {
          return await columnsWithStatistics(reopened);
        } finally {
          await reopened.close();
        }
      }
      /** 1 000 servers in one batch, those from `changedFrom` on with `cpu`. */
      async function* fleet(cpu: number, changedFrom = 0): AsyncGenerator<ImportBatch> {
        yield {
          cis: Array.from({ length: 1_000 }, (_, i) =>
            makeCi({ name: `node-${i}`, attributes: { environment: 'production', cpu: i < changedFrom ? 2 : cpu } }),
          ),
          relations: [],
        };
      }

      const first = await statisticsAfter(async (importer, store) => {
        await withoutAutovacuum(store);
        await createCmdbServices(store).cmdb.initialize('ended');
        await importer.import(fleet(2), meta('first'), { batchSize: 1_000 });
      });
      expect(first).toBe(0);
      // 999 versions ended: not yet.
      expect(
        await statisticsAfter((importer) => importer.import(fleet(4, 1), meta('most'), { batchSize: 1_000 })),
      ).toBe(0);
      // 1 000 ended: taken.
      expect(
        await statisticsAfter((importer) => importer.import(fleet(8), meta('all'), { batchSize: 1_000 })),
      ).toBeGreaterThan(0);
      // 1 000 more ended, but the statistics know of ended versions already: not taken again.
      const analyzed = await timesAnalyzed(url);
      await statisticsAfter((importer) => importer.import(fleet(16), meta('again'), { batchSize: 1_000 }));
      expect(await timesAnalyzed(url)).toBe(analyzed);
    });

    it('settles once the statistics it is taking after a write are taken', async () => {
      const store = await postgres.newStore();
      await withoutAutovacuum(store);
      const services = createCmdbServices(store);
      await services.cmdb.initialize('settle');
      const fleet = (cpu: number): ImportBatch[] => [
        {
          cis: Array.from({ length: 1_000 }, (_, i) => makeCi({ name: `node-${i}`, attributes: { cpu } })),
          relations: [],
        },
      ];
      const importer = new ImportService({ store, cmdb: services.cmdb, clock: systemClock });
      await importer.import(fleet(2), meta('first'), { batchSize: 1_000 });
      // 1 000 versions ended: the store takes statistics after answering, and settle() waits for them.
      await importer.import(fleet(4), meta('all'), { batchSize: 1_000 });
      await store.settle();
      expect(await columnsWithStatistics(store)).toBeGreaterThan(0);
    });

    it('takes the statistics of a table it grows a lot again inside the transaction, each time it has doubled', async () => {
      const store = await postgres.newStore();
      const services = createCmdbServices(store);
      await services.cmdb.initialize('growing');
      const importer = new ImportService({ store, cmdb: services.cmdb, clock: systemClock });
      const batch = (b: number): ImportBatch => ({
        cis: Array.from({ length: 12_000 }, (_, i) => makeCi({ name: `grown-${b}-${i}` })),
        relations: [],
      });
      async function* input(): AsyncGenerator<ImportBatch> {
        for (let b = 0; b < 4; b++) yield batch(b);
      }
      const sent = await driverEvents(() => importer.import(input(), meta('grown'), { batchSize: 12_000 }));
      // 12 000 CI versions inserted: not yet; 24 000: taken; 36 000: not again; 48 000: doubled,
      // taken again. Then once more for both tables after the commit.
      const analyzed = sent.map((s) => s.text.replace(/\s+/g, ' ')).filter((t) => /^analyze\b/i.test(t));
      expect(analyzed).toEqual([ANALYZE_CI_LOOKUPS, ANALYZE_CI_LOOKUPS, ANALYZE_AFTER_IMPORT]);
      expect(await store.countCis({})).toBe(48_000);
    }, 60_000);

    it('does not wait for the statistics it takes inside the transaction: the next batch is planned meanwhile', async () => {
      const store = await postgres.newStore();
      const services = createCmdbServices(store);
      await services.cmdb.initialize('ahead');
      const sent: Sent[] = [];
      // The ANALYZE sent so far (a copy, as it stood) each time an insert of versions returned.
      const atReturn: (Sent | undefined)[] = [];
      const spy = Object.create(store) as KyselyCmdbStore;
      spy.write = (work) =>
        store.write((tx) => {
          const insert = tx.insertCiVersions.bind(tx);
          (tx as { insertCiVersions: CmdbWriter['insertCiVersions'] }).insertCiVersions = async (rows) => {
            await insert(rows);
            const analyze = sent.findLast((s) => /^analyze\b/i.test(s.text));
            atReturn.push(analyze && { ...analyze });
          };
          return work(tx);
        });
      const importer = new ImportService({ store: spy, cmdb: services.cmdb, clock: systemClock });
      const batch: ImportBatch = {
        cis: Array.from({ length: 24_000 }, (_, i) => makeCi({ name: `ahead-${i}` })),
        relations: [],
      };
      await driverEvents(() => importer.import([batch], meta('ahead'), { batchSize: 24_000 }), sent);
      // 24 000 rows: the statistics are due. The insert returned before they were answered.
      expect(atReturn).toHaveLength(1);
      expect(atReturn[0]?.answered).toBeUndefined();
      const analyzed = sent.map((s) => s.text.replace(/\s+/g, ' ')).filter((t) => /^analyze\b/i.test(t));
      expect(analyzed).toEqual([ANALYZE_CI_LOOKUPS, ANALYZE_AFTER_IMPORT]);
      expect(await store.countCis({})).toBe(24_000);
    }, 60_000);

    it('takes them again when a class that came after the last time has doubled on its own', async () => {
      const store = await postgres.newStore();
      const services = createCmdbServices(store);
      await services.cmdb.initialize('classes');
      const importer = new ImportService({ store, cmdb: services.cmdb, clock: systemClock });
      // Three batches of servers, then two of a class the statistics taken at 24 000 never saw.
      const batch = (b: number): ImportBatch => ({
        cis: Array.from({ length: 12_000 }, (_, i) =>
          b < 3 ? makeCi({ name: `srv-${b}-${i}` }) : makeCi({ class: 'application', name: `app-${b}-${i}` }),
        ),
        relations: [],
      });
      async function* input(): AsyncGenerator<ImportBatch> {
        for (let b = 0; b < 5; b++) yield batch(b);
      }
      const sent = await driverEvents(() => importer.import(input(), meta('classes'), { batchSize: 12_000 }));
      // 24 000 servers: taken. 48 000 rows: the table has doubled, taken. 60 000 rows, not a
      // doubling of the table, but 24 000 applications: taken for them.
      const analyzed = sent.map((s) => s.text.replace(/\s+/g, ' ')).filter((t) => /^analyze\b/i.test(t));
      expect(analyzed).toEqual([ANALYZE_CI_LOOKUPS, ANALYZE_CI_LOOKUPS, ANALYZE_CI_LOOKUPS, ANALYZE_AFTER_IMPORT]);
      expect(await store.countCis({ classes: ['application'] })).toBe(24_000);
    }, 60_000);
  });
