import type { GraphSnapshot } from '../../../core/graph/graph-sync.js';
import { readGraphInWorker } from '../../graph-reader.js';
import { sqliteEdgeTextShape } from './edge-texts.js';
import type { BulkTarget } from './insert-versions.js';
import { sqliteNameTextShape } from './name-texts.js';
import { headShape } from './revision.repository.js';

/**
 * The graph's load on a SQLite file: the current CIs and relationships read as page texts by a
 * thread with its own connection, in one read transaction, exactly as of the head it saw
 * (graph-reader.ts). The same statements as the in-process scans (name-texts.ts, edge-texts.ts).
 *
 * Undefined on PostgreSQL (its server already reads the next page while this thread numbers the
 * last), and for a database no other connection can open: in memory, or SQLite's temporary one
 * (an empty name).
 */
export function readCurrentGraph({ db, native }: BulkTarget, pageSize: number): Promise<GraphSnapshot | undefined> {
  if (!native || native.memory || native.name === '') return Promise.resolve(undefined);
  return readGraphInWorker({
    path: native.name,
    pageSize,
    head: headShape(db),
    names: sqliteNameTextShape(db),
    edges: sqliteEdgeTextShape(db),
  });
}
