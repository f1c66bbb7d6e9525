/**
 * A SQLite page reader thread (started by page-reader.ts): its own read-only connection reads
 * scans as page texts, in one read transaction, and posts each page to the thread that uses
 * them, which works on one page while this thread steps the next (the graph's load, drift's scan).
 *
 * The transaction's first statement reads the head revision and fixes the WAL snapshot every page
 * is then read from: the pages are exactly the state at the revision posted first, whatever is
 * committed meanwhile. Posts `{ rev }`, then `{ kind, text }` per page, then `{ done: true }`.
 */
import BetterSqlite3 from 'better-sqlite3';
import { parentPort, workerData } from 'node:worker_threads';
import { boundParameters, type StatementShape } from './statement-shape.js';

/**
 * One scan: pages of `shape`, `(...key, limit)` → `[text, ...]`, the first after `first`, each
 * next one after the key read from the page's row; it ends at a page whose text is null.
 */
export interface PageScan {
  /** What its pages are called in the messages: the reader tells the scans apart by it. */
  kind: string;
  shape: StatementShape;
  first: string[];
  /** The next page's key: these columns of the page's row, or one column split at a separator. */
  next: { columns: number[] } | { column: number; split: string };
}

export interface PageReaderJob {
  path: string;
  pageSize: number;
  /** Pages posted and not yet taken at most: a whole scan's texts can be hundreds of MB at 1M CIs. */
  ahead: number;
  /** The head revision's row (`rev` among its columns). */
  head: StatementShape;
  /** The scans, in order. */
  scans: PageScan[];
  /** Read instead of `scans` when the snapshot's head is `rev` (they read only current rows, say). */
  atHead?: { rev: number; scans: PageScan[] };
  /**
   * Two integers shared with the reading thread: [0] the pages it has taken, [1] set once it
   * wants no more (then this thread stops at the next page).
   */
  window: SharedArrayBuffer;
}

export interface TextPage {
  kind: string;
  text: string;
}

export type PageReaderMessage = { rev: number } | TextPage | { done: true };

const job = workerData as PageReaderJob;
const window = new Int32Array(job.window);
let posted = 0;

function post(message: PageReaderMessage): void {
  parentPort?.postMessage(message);
}

/** Posts a page once fewer than `ahead` are untaken; false if the reader wants no more. */
function postPage(page: TextPage): boolean {
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

/** Every page of one scan; false if the reader stopped it. */
function scan(db: BetterSqlite3.Database, { kind, shape, first, next }: PageScan): boolean {
  const statement = db.prepare(shape.sql).raw(true);
  for (let after: unknown[] = first; ;) {
    const row = statement.get(...boundParameters(shape, [...after, job.pageSize])) as unknown[] | undefined;
    const text = row?.[0];
    if (!row || typeof text !== 'string') return true;
    if (!postPage({ kind, text })) return false;
    after = 'columns' in next ? next.columns.map((c) => row[c]) : String(row[next.column]).split(next.split);
  }
}

function read(): void {
  const db = new BetterSqlite3(job.path, { readonly: true, fileMustExist: true });
  try {
    db.exec('BEGIN');
    const head = db.prepare(job.head.sql).get(...boundParameters(job.head, [])) as { rev: number } | undefined;
    const rev = head?.rev ?? 0;
    post({ rev });
    const scans = job.atHead?.rev === rev ? job.atHead.scans : job.scans;
    for (const s of scans) if (!scan(db, s)) return;
    db.exec('COMMIT');
    post({ done: true });
  } finally {
    db.close();
  }
}

read();
