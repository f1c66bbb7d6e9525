/**
 * The SQLite graph reader thread (started by graph-reader.ts): its own read-only connection reads
 * the current CIs and relationships as page texts, in one read transaction, and posts each page
 * to the thread that builds the graph, which numbers one page while this thread steps the next.
 *
 * The transaction's first statement reads the head revision and fixes the WAL snapshot every page
 * is then read from: the pages are exactly the state at the revision posted first, whatever is
 * committed meanwhile. Posts `{ rev }`, then `{ kind, text }` per page, then `{ done: true }`.
 */
import BetterSqlite3 from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { KEY_PART_SEPARATOR } from '../core/ci/ci.types.js';
import type { GraphTextPage } from '../core/graph/graph-sync.js';
import { boundParameters, type StatementShape } from './statement-shape.js';

export interface GraphReaderJob {
  path: string;
  pageSize: number;
  /** Pages posted and not yet taken at most: a whole load's texts are hundreds of MB at 1M CIs. */
  ahead: number;
  /** The head revision's row (`rev` among its columns). */
  head: StatementShape;
  /** `(after id, limit)` → `[text, greatest id]` (name-texts.ts). */
  names: StatementShape;
  /** `(source, type, target, limit)` → `[text, greatest record]` (edge-texts.ts). */
  edges: StatementShape;
  /**
   * Two integers shared with the reading thread: [0] the pages it has taken, [1] set once it
   * wants no more (then this thread stops at the next page).
   */
  window: SharedArrayBuffer;
}

export type GraphReaderMessage = { rev: number } | GraphTextPage | { done: true };

const job = workerData as GraphReaderJob;
const window = new Int32Array(job.window);
let posted = 0;

function post(message: GraphReaderMessage): void {
  parentPort?.postMessage(message);
}

/** Posts a page once fewer than `ahead` are untaken; false if the reader wants no more. */
function postPage(page: GraphTextPage): boolean {
  for (;;) {
    if (Atomics.load(window, 1) !== 0) return false;
    const taken = Atomics.load(window, 0);
    if (posted - taken < job.ahead) break;
    // Woken when a page is taken or the reader stops; the timeout only guards against a lost wake.
    Atomics.wait(window, 0, taken, 1000);
  }
  post(page);
  posted++;
  return true;
}

/** Every page of one scan: `after` is where the next starts, read from the page's key. */
function scan(
  db: BetterSqlite3.Database,
  shape: StatementShape,
  kind: GraphTextPage['kind'],
  first: string[],
  keyOf: (last: string) => string[],
): boolean {
  const statement = db.prepare(shape.sql).raw(true);
  for (let after = first; ;) {
    const row = statement.get(...boundParameters(shape, [...after, job.pageSize])) as
      [string | null, string | null] | undefined;
    if (!row || row[0] === null || row[1] === null) return true;
    if (!postPage({ kind, text: row[0] })) return false;
    after = keyOf(row[1]);
  }
}

function read(): void {
  const db = new BetterSqlite3(job.path, { readonly: true, fileMustExist: true });
  try {
    db.exec('BEGIN');
    const head = db.prepare(job.head.sql).get(...boundParameters(job.head, [])) as { rev: number } | undefined;
    post({ rev: head?.rev ?? 0 });
    if (!scan(db, job.names, 'names', [''], (last) => [last])) return;
    if (!scan(db, job.edges, 'edges', ['', '', ''], (last) => last.split(KEY_PART_SEPARATOR))) return;
    db.exec('COMMIT');
    post({ done: true });
  } finally {
    db.close();
  }
}

read();
