import type { CiRef } from '../ci/desired-state.js';
import type { CiDigest, CiHash, CiVersion, RelationVersion, SourceRelations } from '../ci/ci.types.js';
import type { ModelVersion } from '../model/model-version.types.js';
import type { OutboxWriter } from '../shared/outbox.js';
import type { Edge, ImpactFollow } from '../graph/impact.js';
import type { UnresolvedRefReader, UnresolvedRefWriter } from './unresolved-ref.types.js';
import type {
  Baseline,
  ChangedVersions,
  GraphChanges,
  Revision,
  RevisionHeader,
  RevisionWrites,
  VersionChains,
} from '../revision/revision.types.js';
import type { RevisionHashPage } from '../revision/revision-hash-stream.types.js';

/**
 * The CMDB's storage port. Two adapters implement it (SQLite and PostgreSQL) and pass the same
 * conformance suite. `at` is always a revision number: the state as of that revision, i.e. the
 * versions with `revFrom <= at` and (`revTo` null or `revTo > at`); absent means current.
 */
export interface CmdbReader extends UnresolvedRefReader {
  head(): Promise<Revision | undefined>;
  getRevision(rev: number): Promise<Revision | undefined>;
  /** The revision that implemented a change (`CHG-42`), if any. */
  revisionOfChange(changeId: string): Promise<Revision | undefined>;
  /** The newest revision made at or before the given time. */
  revisionAtTime(iso: string): Promise<Revision | undefined>;
  /** Newest first. With `ciId`, only revisions that wrote a version of that CI or of its relationships. */
  listRevisions(query: { ciId?: string; limit: number; beforeRev?: number }): Promise<Revision[]>;

  getCisByRef(refs: CiRef[], at?: number): Promise<CiVersion[]>;
  getCisById(ids: string[], at?: number): Promise<CiVersion[]>;
  /** The class and name of these CIs as of `at` (now when absent), for naming them: nothing else is read. */
  getCiRefsById(ids: string[], at?: number): Promise<Pick<CiVersion, 'id' | 'class' | 'name'>[]>;
  /** The current CIs of these references without their attributes (a re-import compares hashes first). */
  currentCiDigests(refs: CiRef[]): Promise<CiDigest[]>;
  /** The id and content hash of the current CIs of these references (a re-import of whole records compares only hashes). */
  currentCiHashes(refs: CiRef[]): Promise<CiHash[]>;
  listCis(query: CiQuery): Promise<CiVersion[]>;
  /** The newest version of each CI, current or ended (a deleted CI's last state). */
  getLatestCisById(ids: string[]): Promise<CiVersion[]>;
  /** The newest version ever written under this name, current or ended. */
  getLatestCiByRef(ref: CiRef): Promise<CiVersion | undefined>;
  /** How many CIs match, as of `at` (now when absent). */
  countCis(filter?: CiFilter): Promise<number>;
  /** How many current CIs each class holds (its own CIs, not its subclasses'): one grouped count. */
  countCisByClass(): Promise<{ class: string; count: number }[]>;
  /** How many CIs each class, status and `environment` attribute holds, as of `at` (now when absent): one grouped count. */
  countCisByFacets(at?: number): Promise<CiFacetCount[]>;

  getRelationsByKey(keys: RelationKey[], at?: number): Promise<RelationVersion[]>;
  /**
   * The current relationships of each of `sourceIds` that has any, as one text per source
   * (SourceRelations); their content hashes only `withHashes` (reading them costs a row read each
   * on SQLite), `hashes` empty otherwise.
   */
  currentRelationsBySource(sourceIds: string[], withHashes: boolean): Promise<SourceRelations[]>;
  /** Relationships with either end among `ciIds`. */
  getRelationsTouching(ciIds: string[], at?: number): Promise<RelationVersion[]>;
  /**
   * The relationships an impact walk from `roots` may follow within `maxDepth` steps, as of `at`
   * (now when absent): those of the `follow.up` types whose target it reaches, of the
   * `follow.down` types whose source it reaches. walkImpact over them gives the same answer as
   * over the whole graph; PostgreSQL finds them in one recursive query instead of one per level.
   */
  getImpactEdges(roots: string[], maxDepth: number, follow: ImpactFollow, at?: number): Promise<Edge[]>;
  listRelations(query: { type?: string; limit: number; afterId?: string; at?: number }): Promise<RelationVersion[]>;
  /** Every current CI's id and name, in pages, for naming what the in-memory graph reaches. */
  scanCurrentCis(pageSize: number): AsyncIterable<Pick<CiVersion, 'id' | 'class' | 'name'>[]>;
  /**
   * Every current relationship's type and ends, in pages, for building the in-memory impact
   * graph: ordered by source, then type and target, so that a CI's outgoing ones come together.
   */
  scanCurrentRelations(pageSize: number): AsyncIterable<Pick<RelationVersion, 'type' | 'sourceId' | 'targetId'>[]>;

  /**
   * Versions that began or ended in (fromRev, toRev]: `before` are those live at fromRev and ended
   * in the range, `after` those begun in the range and still live at toRev. Index range scans on
   * `rev_to` and `rev_from`: the cost follows the number of changes, not the size of the CMDB.
   */
  versionsChangedBetween(fromRev: number, toRev: number): Promise<ChangedVersions>;
  /**
   * Every version row of the items that changed in (fromRev, toRev], those that began and ended
   * in between included, for telling which revision made each line of a diff. The same index range
   * scans as `versionsChangedBetween`.
   */
  versionChainsBetween(fromRev: number, toRev: number): Promise<VersionChains>;
  /** The headers of these revisions (any order; numbers that do not exist are left out). */
  revisionsIn(revs: number[]): Promise<RevisionHeader[]>;

  modelVersions(at?: number): Promise<ModelVersion[]>;
  /** The newest revision that changed the model (for cache invalidation). */
  modelRevision(): Promise<number>;

  getBaseline(name: string): Promise<Baseline | undefined>;
  listBaselines(): Promise<Baseline[]>;

  /** Everything revision `rev` wrote, for recomputing the hash chain. */
  revisionWrites(rev: number): Promise<RevisionWrites>;
  /**
   * Version rows no revision of 1..`head` can account for: `revFrom` outside 1..head, or `revTo`
   * set but not after `revFrom` or beyond head. At most `limit`, for `audit verify`.
   */
  versionsOutsideChain(head: number, limit: number): Promise<StrayVersion[]>;
}

/** A version row outside the revision chain, named for people (`ci_01J… (server/web-01)`). */
export interface StrayVersion {
  table: 'ci' | 'relation' | 'model';
  key: string;
  revFrom: number;
  revTo: number | null;
}

/** A version row's key: its CI's or relationship's id and the revision it began at. */
export type VersionKey = Pick<CiVersion, 'id' | 'revFrom'>;

/** A CMDB write transaction; the events it records (`appendEvents`) commit with it. */
export interface CmdbWriter extends CmdbReader, UnresolvedRefWriter, OutboxWriter {
  /**
   * Revision `rev`'s CI and relationship version rows as the hash chain reads them, section by
   * section (created CIs, ended CIs, created relationships, ended relationships), each in id
   * order, `pageSize` at a time: for hashing a large revision without holding its versions.
   */
  revisionHashPages(rev: number, pageSize: number): AsyncIterable<RevisionHashPage>;
  /**
   * Ends these current versions at `rev`. Each is named by its whole key, id and `revFrom`: the
   * store finds it by its primary key alone, whatever the planner's statistics say.
   */
  endCiVersions(versions: readonly VersionKey[], rev: number): Promise<void>;
  insertCiVersions(rows: CiVersion[]): Promise<void>;
  endRelationVersions(versions: readonly VersionKey[], rev: number): Promise<void>;
  insertRelationVersions(rows: RelationVersion[]): Promise<void>;
  endModelVersions(keys: { kind: ModelVersion['kind']; name: string }[], rev: number): Promise<void>;
  insertModelVersions(rows: ModelVersion[]): Promise<void>;
  insertRevision(revision: Revision): Promise<void>;
  /** Fails with a ConflictError (BASELINE_EXISTS) when the name is taken. */
  insertBaseline(baseline: Baseline): Promise<void>;
  /**
   * Says that this transaction is writing a large import (`true`), or is done with it (`false`,
   * before it ends, also when it fails): the store may trade its own read cache for memory
   * meanwhile (SQLite's page cache would otherwise fill with pages written once).
   */
  largeWrite(on: boolean): void;
  /**
   * Whether a large write (an import's batch of versions) returns before the database has done
   * it, the next read waiting for it (PostgreSQL), rather than being done when it returns
   * (SQLite). Where it runs ahead, an import makes its next batch's reads before sending a batch,
   * so that the database writes one batch while the process plans the next (import-run.ts).
   */
  readonly largeWritesRunAhead: boolean;
}

export interface CmdbStore extends CmdbReader {
  readonly engine: 'sqlite' | 'postgres';
  /**
   * Runs `work` in one transaction that holds the CMDB's write lock (across processes), so that
   * revision numbers are allocated without gaps or forks. Rolls back if `work` throws.
   */
  write<T>(work: (tx: CmdbWriter) => Promise<T>): Promise<T>;
  close(): Promise<void>;
  /**
   * A number that differs from the one given before whenever the CMDB may have changed in
   * between, by this process or another, told without a round trip; undefined where the store
   * cannot tell so cheaply (PostgreSQL) or while a write is open on its connection. What keeps a
   * copy of a read (an API answer) asks it before serving the copy.
   */
  changeStamp?(): number | undefined;
  /** What changed in (fromRev, toRev] as the in-memory graph reads it, in pages of at most `pageSize` versions. */
  graphChangesBetween(fromRev: number, toRev: number, pageSize: number): AsyncIterable<GraphChanges>;
}

/** Which CIs a listing or a count covers. */
export interface CiFilter {
  at?: number;
  classes?: string[];
  statuses?: string[];
  labels?: Record<string, string>;
  /** Only CIs that carry each of these label keys, whatever the value. */
  labelKeys?: string[];
  /** Only CIs whose name contains this text, ignoring case. */
  nameContains?: string;
  /** Attribute equality on top-level keys; values compared as JSON scalars. */
  attributes?: Record<string, string | number | boolean | null>;
  /** Only CIs whose current version was written by this source (an importer, a discovery source). */
  source?: string;
}

export interface CiQuery extends CiFilter {
  /** Ordered by class then name; page after this (class, name). */
  after?: CiRef;
  limit: number;
}

export interface RelationKey {
  type: string;
  sourceId: string;
  targetId: string;
}

/** How many CIs one class, status and environment hold (environment null: the CI names none). */
export interface CiFacetCount {
  class: string;
  status: string;
  environment: string | null;
  count: number;
}
