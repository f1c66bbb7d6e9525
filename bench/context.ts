import type { MemoryGraph } from '../src/core/graph/memory-graph.js';
import type { CmdbServices } from '../src/core/cmdb/cmdb-services.js';
import type { KyselyCmdbStore } from '../src/store/connect.js';
import type { BenchDatabase } from './databases.js';
import type { Estate } from './estate.js';
import type { FigureKey, RssKey } from './report.js';

/** What every case of one engine's run shares. */
export interface BenchContext {
  db: BenchDatabase;
  store: KyselyCmdbStore;
  services: CmdbServices;
  graph: MemoryGraph;
  estate: Estate;
  /** The revision the bulk import wrote: "a past revision" for as-of reads and impact. */
  importRev: number;
  /** Sample counts, smaller on PostgreSQL where every query is a network round trip. */
  samples: {
    reads: number;
    impact: number;
    impactPast: number;
    changes: number;
    /** Changes of the concurrent-writers case, and as many again from one writer. */
    concurrentChanges: number;
    baselines: number;
    diffs: number;
  };
  record(key: FigureKey, value: number, note?: string): void;
  log(message: string): void;
  /** Ends the current phase (recording its peak RSS) and starts another. */
  startPhase(key: RssKey): void;
}

export const META = { author: 'bench', source: 'bench' } as const;
