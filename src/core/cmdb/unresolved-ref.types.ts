/**
 * A reference an import read that points outside its input and outside the CMDB: a Backstage
 * component owned by a group defined in another catalog, a Deployment mounting a Secret a Job
 * creates at run time, a Terraform resource depending on one in another state. The item is
 * imported; the relationship waits here until its missing end arrives (a later import or apply),
 * and is then written as a relationship of the source that read it.
 */
export interface UnresolvedRef {
  id: string;
  /** The import source that read it (`terraform:prod.tfstate`). */
  source: string;
  /** The relationship as the input named it: its type (or inverse name) and ends, `class/name`. */
  type: string;
  from: string;
  to: string;
  /** The end no CI answers to (`to` nearly always). */
  missing: string;
  attributes?: Record<string, unknown>;
  /** Where the input names it. */
  file: string;
  location?: string;
  recordedAt: string;
  /** Set once it became a relationship: when, in which revision. */
  resolvedAt: string | null;
  resolvedRev: number | null;
}

export interface UnresolvedRefQuery {
  /** Only references from or to this CI (`class/name`). */
  ci?: string;
  source?: string;
  /** true: only those still waiting; false: only those resolved; absent: both. */
  open?: boolean;
  limit: number;
  /** Page after this id (ids are time-ordered). */
  afterId?: string;
}

/** The unresolved references, read anywhere; written only inside a CMDB write transaction. */
export interface UnresolvedRefReader {
  listUnresolvedRefs(query: UnresolvedRefQuery): Promise<UnresolvedRef[]>;
}

export interface UnresolvedRefWriter extends UnresolvedRefReader {
  /** A source's open references become exactly `refs` (a re-import states them all again). */
  replaceUnresolvedRefs(source: string, refs: UnresolvedRef[]): Promise<void>;
  /** Open references whose missing end is one of these `class/name`s. */
  unresolvedRefsAwaiting(missing: string[]): Promise<UnresolvedRef[]>;
  markUnresolvedRefsResolved(ids: string[], rev: number, at: string): Promise<void>;
}
