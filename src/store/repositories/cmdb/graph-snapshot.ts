import { KEY_PART_SEPARATOR } from '../../../core/ci/ci.types.js';
import type { GraphSnapshot, GraphTextPage } from '../../../core/graph/graph-sync.js';
import { readPagesInWorker } from '../../page-reader.js';
import { sqliteEdgeTextShape } from './edge-texts.js';
import type { BulkTarget } from './insert-versions.js';
import { sqliteNameTextShape } from './name-texts.js';
import { headShape } from './revision.repository.js';
import { fileToReadBeside } from './read-beside.js';

/**
 * Relationship rows from which the graph is read on a thread of its own. Starting the thread, its
 * connection and its cold page cache cost about 0.1 s, which a small graph's whole load does not
 * take; at 100 000 CIs (286 500 relationships) read right after an import, the in-process read
 * from the writer's warm cache was still 0.41–0.47 s against the thread's 0.55–0.64 (issue 14),
 * while at 1M the thread saves seconds.
 */
export const READ_BESIDE_FROM_ROWS = 500_000;

/**
 * The graph's load on a SQLite file: the current CIs and relationships read as page texts by a
 * thread with its own connection, in one read transaction, exactly as of the head it saw
 * (page-reader.ts). The same statements as the in-process scans (name-texts.ts, edge-texts.ts).
 *
 * Undefined, and the load reads in-process, on PostgreSQL (its server already reads the next page
 * while this thread numbers the last), for a database no other connection can open (in memory, or
 * SQLite's temporary one: an empty name), and below `fromRows` relationship rows.
 */
export async function readCurrentGraph(
  target: BulkTarget,
  pageSize: number,
  fromRows = READ_BESIDE_FROM_ROWS,
): Promise<GraphSnapshot | undefined> {
  const path = fileToReadBeside(target, 'relation_versions', fromRows);
  if (path === undefined) return undefined;
  const { db } = target;
  const read = await readPagesInWorker({
    path,
    pageSize,
    head: headShape(db),
    scans: [
      // `(after id, limit)` → `[text, greatest id]` (name-texts.ts).
      { kind: 'names', shape: sqliteNameTextShape(db), first: [''], next: { columns: [1] } },
      // `(source, type, target, limit)` → `[text, greatest record]` (edge-texts.ts).
      {
        kind: 'edges',
        shape: sqliteEdgeTextShape(db),
        first: ['', '', ''],
        next: { column: 1, split: KEY_PART_SEPARATOR },
      },
    ],
  });
  // Its pages are of the two kinds asked for.
  return read && { rev: read.rev, pages: read.pages as AsyncIterable<GraphTextPage> };
}
