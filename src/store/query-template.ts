import type BetterSqlite3 from 'better-sqlite3';
import { CompiledQuery, type Compilable, type Kysely } from 'kysely';
import type { Database } from './database.js';
import { sqliteStatement } from './repositories/cmdb/sqlite-statements.js';
import { boundParameters, type Slot, type StatementShape } from './statement-shape.js';

/** The values a template's arguments may take: bound as parameters, never inlined. */
type Scalar = string | number | null;

/** Stands for argument `index` while the template is compiled. */
class Placeholder {
  constructor(readonly index: number) {}
}

/**
 * The SQL text of every compiled template, and the name PostgreSQL prepares it under
 * (postgres-engine.ts): a bounded set, one per template and dialect, so naming them is safe.
 */
const preparedNames = new Map<string, string>();

/** The prepared-statement name of a template's SQL; undefined for any other SQL. */
export function preparedNameOf(sql: string): string | undefined {
  return preparedNames.get(sql);
}

/**
 * Names `sql` as a prepared statement too: for SQL built per call whose text comes from a small,
 * bounded set of shapes (the values all bound as parameters), as a template's does.
 */
export function nameStatement(sql: string): void {
  if (!preparedNames.has(sql)) preparedNames.set(sql, `cairn_t${preparedNames.size + 1}`);
}

/**
 * A query built and compiled once per SQL dialect, then run with fresh values. Kysely builds an
 * immutable tree and compiles it to SQL on every execution — a quarter of a single-CI change's
 * time in the profile (issue 14) —, so the statements every write runs are templates instead;
 * on SQLite the compiled text then also hits the prepared-statement cache at once.
 *
 * `build` is called once per dialect with a placeholder for each argument and must use nothing
 * else that varies: each placeholder has to end up bound exactly once as a parameter. A template
 * that inlines one (or drops it) is refused when it is first compiled, so a mistake fails loudly
 * in the conformance suite rather than running with the wrong values.
 */
export class QueryTemplate<A extends Scalar[], R> {
  /** Compiled SQL by dialect adapter (SQLite's and PostgreSQL's differ in their placeholders). */
  private readonly compiled = new Map<unknown, StatementShape>();
  /** Per SQLite connection, this template's statement there (runOn). */
  private readonly prepared = new WeakMap<BetterSqlite3.Database, PreparedOn>();

  constructor(
    private readonly arity: A['length'],
    private readonly build: (db: Kysely<Database>, ...args: A) => Compilable<R>,
  ) {}

  async execute(db: Kysely<Database>, ...args: A): Promise<R[]> {
    return (await db.executeQuery<R>(this.with(db, ...args))).rows;
  }

  /**
   * SQLite: the statement run on the driver of a write transaction's own connection, which the
   * write holds (BulkTarget.writing), so nothing else can run on it meanwhile. A single-CI change
   * runs eight statements; without Kysely's path for each (its executor, the connection provider
   * and their promises) it took 8 % less CPU (issue 14). `db` is the same connection's Kysely, for
   * the dialect's SQL; a reader's rows are returned, a writer's none.
   */
  runOn(native: BetterSqlite3.Database, db: Kysely<Database>, ...args: A): R[] {
    const { statement, shape, inOrder } = this.preparedOn(native, db);
    const parameters = inOrder ? args : boundParameters(shape, args);
    if (statement.reader) return statement.all(parameters) as R[];
    statement.run(parameters);
    return [];
  }

  /**
   * The statement on this connection, found with one look-up: finding it by dialect and SQL text
   * and binding the arguments anew cost a tenth of a point read on every API GET of one CI
   * (issue 14).
   */
  private preparedOn(native: BetterSqlite3.Database, db: Kysely<Database>): PreparedOn {
    let prepared = this.prepared.get(native);
    if (!prepared) {
      const shape = this.shape(db);
      const inOrder =
        shape.slots.length === this.arity && shape.slots.every((slot, i) => 'arg' in slot && slot.arg === i);
      prepared = { statement: sqliteStatement(native, shape.sql), shape, inOrder };
      this.prepared.set(native, prepared);
    }
    return prepared;
  }

  /** `execute`, or `runOn` where `on` is a SQLite write transaction's own connection. */
  async executeIn(on: StatementTarget, ...args: A): Promise<R[]> {
    return on.writing && on.native ? this.runOn(on.native, on.db, ...args) : this.execute(on.db, ...args);
  }

  /** The compiled statement with these values bound: for a caller that runs it on the driver itself. */
  with(db: Kysely<Database>, ...args: A): CompiledQuery<R> {
    const template = this.shape(db);
    return CompiledQuery.raw(template.sql, boundParameters(template, args));
  }

  /**
   * The compiled SQL for `db`'s dialect and where each parameter comes from: for a thread that
   * runs the statement on a connection of its own, without Kysely (page-reader.worker.ts).
   */
  shape(db: Kysely<Database>): StatementShape {
    const dialect = db.getExecutor().adapter.constructor;
    let template = this.compiled.get(dialect);
    if (!template) {
      template = this.compile(db);
      this.compiled.set(dialect, template);
    }
    return template;
  }

  private compile(db: Kysely<Database>): StatementShape {
    const shape = statementShape(db, this.arity, this.build);
    nameStatement(shape.sql);
    return shape;
  }
}

/**
 * A statement's shape, compiled once with a placeholder for each of `arity` arguments: what
 * QueryTemplate keeps per dialect, here for a statement whose other values vary per call (drift's
 * scan: its classes and sources), to be run by a thread of its own (page-reader.worker.ts).
 * Refused, as a template is, unless each argument is bound exactly once.
 */
export function statementShape<A extends Scalar[]>(
  db: Kysely<Database>,
  arity: A['length'],
  build: (db: Kysely<Database>, ...args: A) => Compilable<unknown>,
): StatementShape {
  const placeholders = Array.from({ length: arity }, (_, i) => new Placeholder(i));
  const { sql, parameters } = build(db, ...(placeholders as unknown as A)).compile();
  const slots = parameters.map((p): Slot => (p instanceof Placeholder ? { arg: p.index } : { constant: p }));
  const bound = slots.flatMap((s) => ('arg' in s ? [s.arg] : [])).sort((a, b) => a - b);
  if (bound.length !== arity || bound.some((arg, i) => arg !== i))
    throw new Error(`query template does not bind each of its ${arity} arguments once: ${sql}`);
  return { sql, slots };
}

/** A template's statement on one SQLite connection. */
interface PreparedOn {
  statement: BetterSqlite3.Statement;
  shape: StatementShape;
  /** Whether the statement binds the template's arguments as they are, in their order. */
  inOrder: boolean;
}

/** Where a template runs: a connection's Kysely, and on SQLite inside a write its driver too. */
export interface StatementTarget {
  db: Kysely<Database>;
  native?: BetterSqlite3.Database;
  /** The write transaction holds `native`'s connection: runOn may use it directly. */
  writing?: boolean;
}
