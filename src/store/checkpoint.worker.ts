/**
 * The SQLite checkpoint thread (started by sqlite-engine.ts): its own connection checkpoints the
 * WAL every `every` ms. PASSIVE never waits for or blocks the writer; a WAL past `truncate` bytes
 * is truncated once no reader needs it. Stops, after one last checkpoint, on any message.
 */
import BetterSqlite3 from 'better-sqlite3';
import { statSync } from 'node:fs';
import { parentPort, workerData } from 'node:worker_threads';

export interface CheckpointSettings {
  path: string;
  every: number;
  truncate: number;
}

const settings = workerData as CheckpointSettings;
const db = new BetterSqlite3(settings.path, { timeout: 0 });

function tick(): void {
  try {
    let wal = 0;
    try {
      wal = statSync(`${settings.path}-wal`).size;
    } catch {
      // no WAL file: nothing to do
    }
    if (wal > 0) db.pragma(wal > settings.truncate ? 'wal_checkpoint(TRUNCATE)' : 'wal_checkpoint(PASSIVE)');
  } catch {
    // busy: the next tick tries again
  }
}

const timer = setInterval(tick, settings.every);
parentPort?.on('message', () => {
  clearInterval(timer);
  tick();
  db.close();
  parentPort?.close();
});
