import type BetterSqlite3 from 'better-sqlite3';
import pg from 'pg';
import type { CiRef } from '../src/core/ci/desired-state.js';
import { CI_ROWS } from '../src/store/conversion/cmdb.js';
import { compareText } from '../src/store/repositories/cmdb/as-of.js';
import { namesByClass } from '../src/store/repositories/cmdb/ci-refs.js';
import { insertRowsSqlite } from '../src/store/repositories/cmdb/insert-versions.js';
import { openSqlite } from '../src/store/sqlite-engine.js';
import type { BenchDatabase } from './databases.js';
import type { Estate } from './estate.js';
import { now } from './measure.js';
import { FAKE_HASH } from './raw-baseline.js';

/** Seconds the bare driver took for each part of recording 1 000 changed CIs. */
export interface RawRecordTimes {
  apply: number;
  /** The part of `apply` its commit took. */
  commit: number;
  baseline: number;
  diff: number;
}

/**
 * The CIs the floor changes: twice as many as Cairn's, picked the same way, none of Cairn's. The
 * first half warms the floor's connection up, the second is timed.
 */
export function floorChanged(estate: Estate, changed: number[]): { warmUp: number[]; timed: number[] } {
  const taken = new Set(changed);
  const picked = new Set<number>();
  for (let k = 0; picked.size < 2 * changed.length && k < 20 * estate.size; k++) {
    const i = estate.sampleIndex(5, k);
    if (!taken.has(i)) picked.add(i);
  }
  const all = [...picked];
  return { warmUp: all.slice(0, changed.length), timed: all.slice(changed.length) };
}

/** Columns a diff compares: every column but a CI's attributes' sources, as Cairn's diff reads. */
const CI_COLUMNS = 'id, rev_from, rev_to, class, name, status, attributes, labels, source, hash';
const RELATION_COLUMNS = 'id, rev_from, rev_to, type, source_id, target_id, attributes, source, hash';

/** A diff's read of one table: the versions live at `lo` that ended by `hi`, and those begun in (lo, hi]. */
function diffRead(table: string, columns: string, lo: string, hi: string): string {
  return `select ${columns} from ${table} where rev_to > ${lo} and rev_to <= ${hi} and rev_from <= ${lo}
          union all select ${columns} from ${table} where rev_from > ${lo} and rev_from <= ${hi}`;
}

/**
 * The floor under the Git comparison: the statements that recording 1 000 changed CIs cannot do
 * without, run by the driver alone on Cairn's own tables (their rows and their indexes) — read
 * each CI's current version by class and name, end it and insert its next version, committed;
 * insert a baseline; read the versions begun and ended in between, as a diff does. No
 * validation, hashing, revision header, audit or events. Cairn can at best match it, so
 * `Git ÷ floor` is the most Cairn could be faster than Git on this machine, measured in the same
 * run. Sets of CIs of its own (floorChanged), so that neither side finds the other's pages warm;
 * each set's changes are undone at once (UNDO, not timed), leaving the estate as it was.
 *
 * The connection first records a set it does not time: SQLite's page cache is per connection, and
 * a new one reads every page from the operating system, while the store's connection holds the
 * indexes' upper pages from its earlier work. The timed set's own rows are then as cold as Cairn's.
 */
export async function rawRecord(
  db: Pick<BenchDatabase, 'engine' | 'url'>,
  estate: Estate,
  cairnChanged: number[],
): Promise<RawRecordTimes> {
  const { warmUp, timed } = floorChanged(estate, cairnChanged);
  const refsOf = (changed: number[]) =>
    changed
      .map((i) => ({ class: estate.classOf(i), name: estate.nameOf(i) }))
      .sort((a, b) => compareText(a.class, b.class) || compareText(a.name, b.name));
  if (db.engine === 'sqlite') {
    // Opened as the store opens its own: the same pragmas (synchronous = NORMAL, where SQLite's
    // default syncs the WAL at every commit; checkpoints left to the store's thread, where the
    // default makes the commit that crosses 1 000 pages copy the WAL back). Opened bare, the
    // floor's commit took 67–72 ms of its 118–121 ms apply at 100k, and Cairn's whole apply less.
    const { kysely, native } = openSqlite(db.url);
    try {
      sqliteRecord(native, refsOf(warmUp));
      return sqliteRecord(native, refsOf(timed));
    } finally {
      await kysely.destroy();
    }
  }
  const client = new pg.Client({ connectionString: db.url });
  await client.connect();
  try {
    await postgresRecord(client, refsOf(warmUp));
    return await postgresRecord(client, refsOf(timed));
  } finally {
    await client.end();
  }
}

interface CurrentRow {
  id: string;
  rev_from: number;
  class: string;
  name: string;
  status: string;
  attributes: string;
  labels: string;
  source: string | null;
  attribute_sources: string;
}

/** Puts the estate back as it was before the floor's revision `$1` (not timed). */
const UNDO = [
  'delete from ci_versions where rev_from = $1',
  'update ci_versions set rev_to = null where rev_to = $1',
  'delete from baselines where rev = $1',
];

/** The next version of a CI: one attribute changed, in the text the store writes. */
function patched(attributes: string): string {
  return JSON.stringify({ ...(JSON.parse(attributes) as object), patch_level: 123_456 });
}

/**
 * better-sqlite3: prepared statements run per row, as the store's writes are, but for the inserts,
 * by the store's own multi-row path (insertRowsSqlite).
 */
function sqliteRecord(conn: BetterSqlite3.Database, refs: CiRef[]): RawRecordTimes {
  const read = conn.prepare<[string, string], CurrentRow>(
    'select * from ci_versions where class = ? and name = ? and rev_to is null',
  );
  const end = conn.prepare('update ci_versions set rev_to = ? where id = ? and rev_from = ?');
  const baseline = conn.prepare(
    'insert into baselines (name, rev, created_at, author, description) values (?, ?, ?, ?, ?)',
  );
  const diff = conn.prepare(diffRead('ci_versions', CI_COLUMNS, '@lo', '@hi')).raw();
  const relationDiff = conn.prepare(diffRead('relation_versions', RELATION_COLUMNS, '@lo', '@hi')).raw();
  const lo = (conn.prepare('select max(rev) as rev from revisions').get() as { rev: number }).rev;
  const rev = lo + 1;
  let t = now();
  conn.exec('begin immediate');
  let rows: CurrentRow[];
  let committing: number;
  try {
    rows = refs.map((r) => read.get(r.class, r.name)!);
    rows.sort((a, b) => compareText(a.id, b.id));
    for (const r of rows) end.run(rev, r.id, r.rev_from);
    // The store's columns, in its order (CI_ROWS), rev_to null: a current version.
    insertRowsSqlite(conn, 'ci_versions', CI_ROWS.columns, rows.length, (i, values) => {
      const r = rows[i]!;
      values[0] = r.id;
      values[1] = rev;
      values[2] = null;
      values[3] = r.class;
      values[4] = r.name;
      values[5] = r.status;
      values[6] = patched(r.attributes);
      values[7] = r.labels;
      values[8] = r.source;
      values[9] = FAKE_HASH;
      values[10] = r.attribute_sources;
    });
    committing = now();
    conn.exec('commit');
  } catch (e) {
    if (conn.inTransaction) conn.exec('rollback');
    throw e;
  }
  const commit = (now() - committing) / 1000;
  const apply = (now() - t) / 1000;
  try {
    t = now();
    baseline.run(`bench-floor-${rev}`, rev, new Date().toISOString(), 'bench', '');
    const baselineSeconds = (now() - t) / 1000;
    t = now();
    const versions = diff.all({ lo, hi: rev }).length + relationDiff.all({ lo, hi: rev }).length;
    const diffSeconds = (now() - t) / 1000;
    if (versions !== 2 * rows.length)
      throw new Error(`floor: the diff read ${versions} versions, not ${2 * rows.length}`);
    return { apply, commit, baseline: baselineSeconds, diff: diffSeconds };
  } finally {
    conn
      .transaction(() => {
        for (const statement of UNDO) conn.prepare(statement.replace(/\$1/g, '?')).run(rev);
      })
      .immediate();
  }
}

/**
 * pg: each step one statement over arrays, as the store batches its writes on PostgreSQL, so that
 * the floor is not a round trip per row.
 */
async function postgresRecord(client: pg.Client, refs: CiRef[]): Promise<RawRecordTimes> {
  const lo = (await client.query<{ rev: number }>('select max(rev) as rev from revisions')).rows[0]!.rev;
  const rev = lo + 1;
  let t = now();
  await client.query('begin');
  let rows: CurrentRow[];
  let committing: number;
  try {
    // Per class, the names as one array: each looked up on the current-name index, as the store does.
    rows = [];
    for (const [cls, names] of namesByClass(refs)) {
      const found = await client.query<CurrentRow>(
        `select id, rev_from, class, name, status, attributes::text as attributes, labels::text as labels, source,
                  attribute_sources::text as attribute_sources
           from ci_versions where class = $1 and name = any($2::text[]) and rev_to is null`,
        [cls, names],
      );
      rows.push(...found.rows);
    }
    await client.query(
      `update ci_versions v set rev_to = $1 from unnest($2::text[], $3::int[]) as x(id, rev_from)
         where v.id = x.id and v.rev_from = x.rev_from`,
      [rev, rows.map((r) => r.id), rows.map((r) => r.rev_from)],
    );
    const column = <K extends keyof CurrentRow>(k: K) => rows.map((r) => r[k]);
    await client.query(
      `insert into ci_versions (id, rev_from, class, name, status, attributes, labels, source, hash, attribute_sources)
         select id, $2, class, name, status, attributes, labels, source, $3, attribute_sources
         from unnest($1::text[], $4::text[], $5::text[], $6::text[], $7::jsonb[], $8::jsonb[], $9::text[], $10::jsonb[])
           as x(id, class, name, status, attributes, labels, source, attribute_sources)`,
      [
        column('id'),
        rev,
        FAKE_HASH,
        column('class'),
        column('name'),
        column('status'),
        rows.map((r) => patched(r.attributes)),
        column('labels'),
        column('source'),
        column('attribute_sources'),
      ],
    );
    committing = now();
    await client.query('commit');
  } catch (e) {
    await client.query('rollback');
    throw e;
  }
  const commit = (now() - committing) / 1000;
  const apply = (now() - t) / 1000;
  try {
    t = now();
    await client.query(
      'insert into baselines (name, rev, created_at, author, description) values ($1, $2, now(), $3, $4)',
      [`bench-floor-${rev}`, rev, 'bench', ''],
    );
    const baseline = (now() - t) / 1000;
    t = now();
    // JSON as text, as Cairn's diff reads it (the driver would otherwise parse every value).
    const asText = (columns: string) => columns.replace(/attributes|labels/g, '$&::text');
    const [ci, rel] = await Promise.all([
      client.query({
        text: diffRead('ci_versions', asText(CI_COLUMNS), '$1', '$2'),
        values: [lo, rev],
        rowMode: 'array',
      }),
      client.query({
        text: diffRead('relation_versions', asText(RELATION_COLUMNS), '$1', '$2'),
        values: [lo, rev],
        rowMode: 'array',
      }),
    ]);
    const diff = (now() - t) / 1000;
    const versions = ci.rows.length + rel.rows.length;
    if (versions !== 2 * rows.length)
      throw new Error(`floor: the diff read ${versions} versions, not ${2 * rows.length}`);
    return { apply, commit, baseline, diff };
  } finally {
    await client.query('begin');
    for (const statement of UNDO) await client.query(statement, [rev]);
    await client.query('commit');
  }
}
