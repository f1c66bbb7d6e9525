import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { packageRoot } from '../package-info.js';
import type { PageReaderJob, PageReaderMessage, TextPage } from './page-reader.worker.js';

export type { PageScan, TextPage } from './page-reader.worker.js';

/**
 * Pages the reader thread may post ahead of its reader: enough that it never waits on a page the
 * reader is working on, few enough that a scan does not hold its texts (hundreds of MB at 1M CIs).
 */
const PAGES_AHEAD = 4;

/** The pages of a reader thread's scans, exactly as of one revision (the head its snapshot saw). */
export interface PagesAtRevision {
  rev: number;
  pages: AsyncIterable<TextPage>;
}

/**
 * Reads scans of a SQLite file as page texts on a thread of its own (page-reader.worker.ts), so
 * that SQLite steps the next page while this thread works on the last: at 1M CIs SQLite's own
 * statement work was 2.2 of the graph load's 5.3 s of CPU, on the thread that then numbered
 * nothing. The statements come as data (QueryTemplate.shape), so SQL stays in the store.
 * Undefined, and the caller reads in-process, where the worker's file is not there (tests run
 * from the sources without a build) or it fails before its first answer.
 */
export async function readPagesInWorker(
  job: Omit<PageReaderJob, 'window' | 'ahead'>,
  ahead = PAGES_AHEAD,
): Promise<PagesAtRevision | undefined> {
  const file = pageReaderFile();
  if (!file) return undefined;
  const window = new SharedArrayBuffer(8);
  const worker = new Worker(file, { workerData: { ...job, window, ahead } satisfies PageReaderJob });
  const messages = new Messages(worker);
  let first: PageReaderMessage;
  try {
    first = await messages.next();
  } catch {
    return undefined;
  }
  if (!('rev' in first)) throw new Error('the page reader answered before its revision');
  return { rev: first.rev, pages: pagesOf(messages, new Int32Array(window)) };
}

/** The pages as they come; each taken one lets the reader post another, and stopping early stops it. */
async function* pagesOf(messages: Messages, window: Int32Array): AsyncIterable<TextPage> {
  try {
    for (;;) {
      const message = await messages.next();
      if ('done' in message) return;
      if ('rev' in message) throw new Error('the page reader answered a second revision');
      yield message;
      Atomics.add(window, 0, 1);
      Atomics.notify(window, 0);
    }
  } finally {
    Atomics.store(window, 1, 1);
    Atomics.notify(window, 0);
    await messages.exited;
  }
}

/** A worker's messages as a queue read one at a time; its failure or early exit rejects the next read. */
class Messages {
  private readonly queue: PageReaderMessage[] = [];
  private failure: Error | undefined;
  private waiting: { resolve: (m: PageReaderMessage) => void; reject: (e: Error) => void } | undefined;
  readonly exited: Promise<void>;

  constructor(worker: Worker) {
    worker.on('message', (m: PageReaderMessage) => {
      const waiting = this.waiting;
      this.waiting = undefined;
      if (waiting) waiting.resolve(m);
      else this.queue.push(m);
    });
    worker.on('error', (e) => this.fail(e));
    this.exited = new Promise((resolve) =>
      worker.once('exit', () => {
        this.fail(new Error('the page reader stopped before its last page'));
        resolve();
      }),
    );
  }

  next(): Promise<PageReaderMessage> {
    const m = this.queue.shift();
    if (m) return Promise.resolve(m);
    if (this.failure) return Promise.reject(this.failure);
    return new Promise((resolve, reject) => (this.waiting = { resolve, reject }));
  }

  private fail(e: Error): void {
    this.failure ??= e;
    const waiting = this.waiting;
    this.waiting = undefined;
    waiting?.reject(this.failure);
  }
}

/**
 * The compiled worker beside this module (dist/src/store, or the CLI bundle's dist/cli); tests run
 * this module from its TypeScript source, where no .js sits beside it, and use the build's.
 */
function pageReaderFile(): string | undefined {
  const beside = fileURLToPath(new URL('./page-reader.worker.js', import.meta.url));
  if (existsSync(beside)) return beside;
  const built = join(packageRoot(), 'dist', 'src', 'store', 'page-reader.worker.js');
  return existsSync(built) ? built : undefined;
}
