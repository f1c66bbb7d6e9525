import BetterSqlite3 from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect, sql, type LogEvent } from 'kysely';
import pg from 'pg';
import { afterAll, describe, expect, it } from 'vitest';
import { verifyChain } from '../../src/core/audit/verify.js';
import { createCmdbServices } from '../../src/core/cmdb/cmdb-services.js';
import { toRevisionView } from '../../src/core/revision/revision.types.js';
import { openStore } from '../../src/store/connect.js';
import { migrateToLatest } from '../../src/store/migrations/index.js';
import { copyDatabase } from '../../src/store/copy/copy-database.js';
import { engines, type EngineHarness } from '../helpers/engines.js';
import { makeCi, smallEstate } from '../helpers/fixtures.js';

const all = engines();
const sqlite = all.find((h) => h.engine === 'sqlite')!;
// PostgreSQL in the middle when it is available; SQLite → SQLite → SQLite otherwise.
const middle: EngineHarness = all.find((h) => h.engine === 'postgres') ?? sqlite;

/** What `cairn log -o json` and `cairn diff 1 -o json` show, and the audit result. */
async function observe(url: string) {
  const store = await openStore(url);
  try {
    const s = createCmdbServices(store);
    const head = (await store.head())!.rev;
    return {
      log: (await s.history.log({ limit: 1000 })).map(toRevisionView),
      diff: await s.history.diff(1, head),
      baselines: await store.listBaselines(),
      chain: await verifyChain(store),
    };
  } finally {
    await store.close();
  }
}

async function estateAt(url: string): Promise<void> {
  const store = await openStore(url);
  const s = createCmdbServices(store);
  await s.cmdb.initialize('t');
  await s.cmdb.apply(smallEstate(), { author: 'alice', message: 'estate', source: 'cli' });
  await s.baselines.create({ name: 'before-upgrade', author: 'alice', description: 'a baseline' });
  await s.cmdb.apply(
    {
      cis: [{ class: 'server', name: 'web-01', attributes: { cpu: 8, tags: ['a', 'b'] }, labels: { team: null } }],
      relations: [],
    },
    { author: 'bob', message: 'upgrade' },
  );
  await s.cmdb.apply(
    { cis: Array.from({ length: 300 }, (_, i) => makeCi({ name: `bulk-${i}` })), relations: [] },
    { author: 'bob', message: 'bulk', source: 'import:test' },
  );
  await s.cmdb.deleteCis([{ class: 'rack', name: 'r1' }], { author: 'carol', message: 'decommission' });
  await store.close();
}

describe(`migrate sqlite → ${middle.engine} → sqlite`, () => {
  afterAll(async () => {
    await sqlite.cleanup();
    if (middle !== sqlite) await middle.cleanup();
  });

  it('copies everything, history included, and the chain verifies at each end', async () => {
    const a = await sqlite.newDatabaseUrl();
    const b = await middle.newDatabaseUrl();
    const c = await sqlite.newDatabaseUrl();
    await estateAt(a);
    const original = await observe(a);
    expect(original.chain.ok).toBe(true);

    for (const [from, to] of [
      [a, b],
      [b, c],
    ] as const) {
      const report = await copyDatabase(from, to);
      await report.target.close();
      expect(report.countsMatch).toBe(true);
      expect(report.tables.map((t) => t.table)).toEqual(
        expect.arrayContaining([
          'revisions',
          'ci_versions',
          'relation_versions',
          'model_versions',
          'baselines',
          'counters',
        ]),
      );
      expect(report.tables.find((t) => t.table === 'ci_versions')!.target).toBeGreaterThan(300);
      const seen = await observe(to);
      expect(seen.chain).toEqual(original.chain);
      expect(seen.log).toEqual(original.log);
      expect(seen.diff).toEqual(original.diff);
      expect(seen.baselines).toEqual(original.baselines);
    }
  });

  it('finishes correctly when run again after an interruption, and refuses a target with data', async () => {
    const a = await sqlite.newDatabaseUrl();
    const b = await middle.newDatabaseUrl();
    await estateAt(a);
    await expect(
      copyDatabase(a, b, (p) => {
        if (p.table === 'ci_versions' && p.done > 0 && p.done < p.total) throw new Error('interrupted');
      }),
    ).rejects.toThrow('interrupted');
    const resumed = await copyDatabase(a, b);
    await resumed.target.close();
    expect(resumed.resumed).toBe(true);
    expect(resumed.countsMatch).toBe(true);
    expect((await observe(b)).chain.ok).toBe(true);
    expect((await observe(b)).log).toEqual((await observe(a)).log);

    const other = await sqlite.newDatabaseUrl();
    await estateAt(other);
    await expect(copyDatabase(a, other)).rejects.toThrow(/already holds \d+ revisions/);
  });
});

for (const harness of all) {
  describe(`migrations landed out of order (${harness.engine})`, () => {
    afterAll(() => harness.cleanup());

    it('applies a migration that arrives after a higher-numbered one was applied, instead of refusing to open', async () => {
      const store = await harness.newStore();
      // As a database migrated before 0020 landed looks: 0021 applied, 0020 not.
      await store.kysely.schema.dropTable('promotion_approvals').execute();
      await store.kysely.schema.dropTable('deployments').execute();
      await sql`delete from cairn_migrations where name = '0020-deployments'`.execute(store.kysely);
      await migrateToLatest(store.kysely as Kysely<unknown>, store.engine);
      const applied = await sql<{ name: string }>`select name from cairn_migrations`.execute(store.kysely);
      expect(applied.rows.map((r) => r.name)).toContain('0020-deployments');
      await expect(sql`select count(*) from deployments`.execute(store.kysely)).resolves.toBeDefined();
    });
  });
}

/** A second connection to a database that records every statement it sends. */
function recordingConnection(url: string, engine: EngineHarness['engine']) {
  const statements: string[] = [];
  const log = (event: LogEvent) => void statements.push(event.query.sql);
  const dialect =
    engine === 'postgres'
      ? new PostgresDialect({ pool: new pg.Pool({ connectionString: url, max: 1 }) })
      : new SqliteDialect({ database: new BetterSqlite3(url) });
  return { db: new Kysely<unknown>({ dialect, log }), statements };
}

for (const harness of all) {
  describe(`opening an up-to-date database (${harness.engine})`, () => {
    afterAll(() => harness.cleanup());

    // Reading the catalogue on every open was slow, and on PostgreSQL it failed when another
    // schema's table was dropped between the listing and the reading of its columns.
    it('reads only the list of applied migrations, never the catalogue', async () => {
      const url = await harness.newDatabaseUrl();
      await (await openStore(url)).close();
      const { db, statements } = recordingConnection(url, harness.engine);
      try {
        await migrateToLatest(db, harness.engine);
      } finally {
        await db.destroy();
      }
      expect(statements).toEqual(['select name from cairn_migrations']);
    });

    it('refuses a database migrated by a newer Cairn, naming the migration it does not know', async () => {
      const store = await harness.newStore();
      await sql`insert into cairn_migrations (name, timestamp) values ('9999-from-the-future', '2030-01-01')`.execute(
        store.kysely,
      );
      await expect(migrateToLatest(store.kysely as Kysely<unknown>, store.engine)).rejects.toThrow(
        /newer version of Cairn \(migration 9999-from-the-future/,
      );
    });
  });
}
