import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { ModelVersion } from '../model/model-version.types.js';

/** A revision: one write to the CMDB, numbered, attributed and chained by hash to the one before. */
export interface Revision {
  rev: number;
  parentRev: number | null;
  /** UTC ISO-8601 with milliseconds; never earlier than the parent's. */
  at: string;
  author: string;
  message: string;
  /** What wrote it: `cli`, `api`, `import:k8s`, `change`, … */
  source: string;
  /** The change this revision implemented, if any (`CHG-42`). */
  changeId: string | null;
  /**
   * The change this revision backed out, if any (`CHG-42`); absent on revisions written before
   * backouts were recorded on the revision. Part of the hash when set.
   */
  backoutOf?: string | null;
  hash: string;
  prevHash: string | null;
}

/** What a diff line says of the revision that made it: read without the message and hashes. */
export type RevisionHeader = Pick<Revision, 'rev' | 'at' | 'author' | 'changeId' | 'backoutOf'>;

/** What `cairn log -o json` prints for a revision. */
export interface RevisionView {
  rev: number;
  at: string;
  author: string;
  message: string;
  source: string;
  change: string | null;
  /** The change this revision backed out (`CHG-42`), else null. */
  backoutOf: string | null;
  hash: string;
}

export function toRevisionView(r: Revision): RevisionView {
  return {
    rev: r.rev,
    at: r.at,
    author: r.author,
    message: r.message,
    source: r.source,
    change: r.changeId,
    backoutOf: r.backoutOf ?? null,
    hash: r.hash,
  };
}

export interface Baseline {
  name: string;
  rev: number;
  createdAt: string;
  author: string;
  description: string;
}

/** Who writes and why: attached to every revision. */
export interface WriteMeta {
  author: string;
  message?: string;
  source?: string;
  changeId?: string | null;
  /**
   * A write outside change control (`--emergency --reason`): allowed on controlled CIs, and
   * recorded as an unauthorized change until a retrospective change is attached.
   */
  emergency?: { reason: string };
  /** Set by the change service when it writes the backout of this change (`CHG-n`). */
  backoutOf?: string;
  /**
   * The writer is an admin (the API sets it from the caller's roles; the CLI on a local database
   * acts as its owner): only an admin may take a class out of change control.
   */
  admin?: boolean;
}

/** The versions revisions wrote between two points: those ended (`before`) and those begun (`after`). */
export interface ChangedVersions {
  cisBefore: CiVersion[];
  cisAfter: CiVersion[];
  relationsBefore: RelationVersion[];
  relationsAfter: RelationVersion[];
}

/**
 * One page of what changed between two revisions as the in-memory graph reads it: the ids and
 * names of CI versions, the ends of relationship versions. The four lists mean what they mean in
 * `ChangedVersions`; a page fills one of them, and pages come in that order (CIs ended, CIs
 * begun, relationships ended, relationships begun).
 */
export interface GraphChanges {
  cisBefore: Pick<CiVersion, 'id' | 'class' | 'name'>[];
  cisAfter: Pick<CiVersion, 'id' | 'class' | 'name'>[];
  relationsBefore: Pick<RelationVersion, 'id' | 'type' | 'sourceId' | 'targetId'>[];
  relationsAfter: Pick<RelationVersion, 'id' | 'type' | 'sourceId' | 'targetId'>[];
}

/**
 * Every version row of the items that changed between two points: `cisEnded` were live at the
 * first point and ended in between, `cisBegun` began in between (whether or not they ended again),
 * likewise for relationships. Enough to tell what changed and which revision changed it.
 */
export interface VersionChains {
  /** CI versions as a diff reads them: `attributeSources` is left empty. */
  cisEnded: CiVersion[];
  cisBegun: CiVersion[];
  relationsEnded: RelationVersion[];
  relationsBegun: RelationVersion[];
}

/** Everything one revision wrote, in the shape the hash chain reads it. */
export interface RevisionWrites {
  createdCis: CiVersion[];
  endedCis: CiVersion[];
  createdRelations: RelationVersion[];
  endedRelations: RelationVersion[];
  createdModel: ModelVersion[];
  endedModel: ModelVersion[];
}
