import { sql, type Kysely, type Migration } from 'kysely';
import type { Engine } from '../engine.js';

/**
 * Applies the migrations a database has not had yet. It keeps Kysely's bookkeeping tables
 * (`cairn_migrations`, `cairn_migrations_lock`) so that databases migrated by earlier versions
 * open unchanged, but it does not use Kysely's migrator: that one introspects every table of
 * every schema on each open, which is slow on a large catalogue and fails on PostgreSQL when
 * another schema's table is dropped between the listing and the reading of its columns.
 *
 * An open of an up-to-date database costs one `select`. Pending migrations run in one
 * transaction, behind a row lock on PostgreSQL (SQLite's write lock serialises writers), and the
 * list of applied migrations is read again inside it, so two processes opening a new database at
 * once apply each migration once.
 */
export async function applyMigrations(
  db: Kysely<unknown>,
  engine: Engine,
  migrations: Record<string, Migration>,
): Promise<void> {
  const applied = (await appliedNames(db)) ?? (await createBookkeeping(db));
  if (pendingOf(migrations, applied).length === 0) return;
  await db.transaction().execute(async (trx) => {
    if (engine === 'postgres')
      await sql`select id from cairn_migrations_lock where id = ${LOCK_ID} for update`.execute(trx);
    const now = (await appliedNames(trx)) ?? [];
    for (const name of pendingOf(migrations, now)) {
      try {
        await migrations[name]!.up(trx);
      } catch (e) {
        throw new Error(`database migration ${name} failed: ${(e as Error).message}`, { cause: e });
      }
      await sql`insert into cairn_migrations (name, timestamp) values (${name}, ${new Date().toISOString()})`.execute(
        trx,
      );
    }
  });
}

/** Kysely's id for the single lock row, kept so that both migrators agree on it. */
const LOCK_ID = 'migration_lock';

/** Names of the applied migrations, or undefined when the database has no bookkeeping yet. */
async function appliedNames(db: Kysely<unknown>): Promise<string[] | undefined> {
  try {
    const rows = await sql<{ name: string }>`select name from cairn_migrations`.execute(db);
    return rows.rows.map((r) => r.name);
  } catch {
    return undefined;
  }
}

async function createBookkeeping(db: Kysely<unknown>): Promise<string[]> {
  await db
    .transaction()
    .execute(async (trx) => {
      await sql`create table if not exists cairn_migrations (name varchar(255) not null primary key, timestamp varchar(255) not null)`.execute(
        trx,
      );
      await sql`create table if not exists cairn_migrations_lock (id varchar(255) not null primary key, is_locked integer not null default 0)`.execute(
        trx,
      );
      await sql`insert into cairn_migrations_lock (id, is_locked) values (${LOCK_ID}, 0) on conflict do nothing`.execute(
        trx,
      );
    })
    .catch(async (e: unknown) => {
      // Two processes creating the tables at once: PostgreSQL may refuse the second `create`
      // even with `if not exists`. The tables being there is all that matters.
      if ((await appliedNames(db)) === undefined) throw e;
    });
  return (await appliedNames(db)) ?? [];
}

/**
 * The migrations not yet applied, in name order. A name applied but unknown here means the
 * database was migrated by a newer Cairn, whose tables this version does not know how to keep.
 */
function pendingOf(migrations: Record<string, Migration>, applied: string[]): string[] {
  const unknown = applied.filter((name) => !(name in migrations));
  if (unknown.length > 0)
    throw new Error(
      `the database was migrated by a newer version of Cairn (migration ${unknown.join(', ')} is unknown to this one)`,
    );
  const done = new Set(applied);
  return Object.keys(migrations)
    .filter((name) => !done.has(name))
    .sort();
}
