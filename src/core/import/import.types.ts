import type { DesiredCi, DesiredRelation, DesiredState } from '../ci/desired-state.js';
import type { ClassDefinition, RelationTypeDefinition } from '../model/model.types.js';
import type { PendingWrites } from '../revision/pending-writes.js';
import type { WriteCounts } from '../cmdb/write-views.js';
import type { InputScope } from './input-scope.js';
import type { Revision } from '../revision/revision.types.js';

/** Where a record of the input is: a file and a line (`line 12`) or a path (`cis[3]`). */
export interface ImportPosition {
  file: string;
  location?: string;
}

/** A record that could not be imported: where it is and why. */
export interface ImportProblem extends ImportPosition {
  message: string;
}

/**
 * A slice of an import's input, as an importer streams it. Batches keep memory bounded: the
 * import service writes each one (inside the import's single transaction) before asking for
 * the next, so a file of a million lines never sits in memory as one document.
 */
export interface ImportBatch {
  /** Classes and relationship types the input needs, written with the first CIs. */
  classes?: ClassDefinition[];
  relationTypes?: RelationTypeDefinition[];
  cis: DesiredCi[];
  relations: DesiredRelation[];
  /** Where the i-th CI or relationship of this batch came from; absent: named by its reference. */
  locate?: (kind: 'ci' | 'relation', index: number) => ImportPosition;
  /** Records the importer already rejected (bad syntax, unknown fields, …). */
  issues?: ImportProblem[];
  /** Objects of the input that are not inventory (a Kubernetes Event, a Backstage Template): one note each. */
  skipped?: ImportProblem[];
  /** What the input covers when it is partial (a GLPI inventory marked `partial`): pruning stays inside it. */
  scope?: InputScope;
}

/**
 * A relationship the input names whose end is neither in the input nor in the CMDB: the item is
 * imported, the reference kept (core/cmdb/unresolved-ref.types.ts) until its target arrives.
 */
export interface UnresolvedNote extends ImportPosition {
  type: string;
  from: string;
  to: string;
  /** The end no CI answers to. */
  missing: string;
  attributes?: Record<string, unknown>;
}

export interface ImportOptions {
  /** Retire the CIs (and relationships) of `meta.source` that the input no longer names, within its scope. */
  prune?: boolean;
  /** What the input covers (`--partial`, `--scope-class`), joined with what its batches declare. */
  scope?: InputScope;
  /** Compute everything, then roll back. */
  dryRun?: boolean;
  /** Write the good records and report the bad ones; without it any bad record refuses all. */
  skipInvalid?: boolean;
  /** Records per write batch (default 5 000). */
  batchSize?: number;
  onProgress?: (done: { cis: number; relations: number }) => void;
  /** Also return the writes as a desired-state document (`--as-change` makes it a change's plan). */
  collectPlan?: boolean;
  /**
   * Versions kept in memory for the outcome (default KEEP_WRITES); past it the outcome has counts
   * and `writes` is incomplete, and the revision hash is read back from the store. A dry run or a
   * plan keeps every one.
   */
  keepWritesUpTo?: number;
}

export interface ImportOutcome {
  /** The revision written; null when nothing changed, on a dry run, or when refused. */
  revision: Revision | null;
  /**
   * What was (or would be) written. Versions keep ids, names, status and hashes but not their
   * attributes or labels, so that a million-CI import does not keep every attribute in memory.
   * Every version only when `writesComplete`: past ImportOptions.keepWritesUpTo, a few.
   */
  writes: PendingWrites;
  writesComplete: boolean;
  /** How many CIs, relationships and model definitions were (or would be) written: always exact. */
  counts: WriteCounts;
  problems: ImportProblem[];
  /** Objects of the input skipped as not inventory, one note each (not bad records). */
  skipped: ImportProblem[];
  /** References kept waiting for their target (warnings, not bad records). */
  unresolved: UnresolvedNote[];
  /** References earlier imports left waiting that this import's CIs resolved into relationships. */
  resolved: number;
  /** Good records that wrote nothing: the CMDB already held them. */
  unchanged: { cis: number; relations: number };
  /** Records read: CIs and relationships, good or bad. */
  read: { cis: number; relations: number };
  dryRun: boolean;
  /** True when bad records made the import write nothing (no `skipInvalid`). */
  refused: boolean;
  /** With `collectPlan`: the input records that write something, and what pruning deletes. */
  plan?: DesiredState;
}
