import type { CmdbService } from '../ci/cmdb.service.js';
import { formatRef, type CiRef } from '../ci/desired-state.js';
import type { CiVersion, RelationVersion } from '../ci/ci.types.js';
import type { CmdbStore } from '../ports/cmdb-store.port.js';
import { NotFoundError, InputError } from '../shared/errors.js';
import { ciChanges, pairVersions, relationChanges, type Diff, type DiffSection } from './diff.js';
import type { Revision } from './revision.types.js';

/**
 * Status accounting: the revision log, reading `--at` references, and diffs between any two
 * points. A point is a revision number, a baseline name or an ISO time.
 */
export class HistoryService {
  constructor(
    private readonly deps: { store: CmdbStore; cmdb: CmdbService },
  ) {}

  async log(query: { ref?: CiRef; limit: number; beforeRev?: number }): Promise<Revision[]> {
    let ciId: string | undefined;
    if (query.ref) ciId = (await this.findCiAnyTime(query.ref)).id;
    return this.deps.store.listRevisions({ ciId, limit: query.limit, beforeRev: query.beforeRev });
  }

  /**
   * Resolves a point in history to a revision number: `42` (or `r42`), `CHG-7` (right after that
   * change was implemented), a baseline name, or an ISO-8601 time (the newest revision at or
   * before it).
   */
  async resolvePoint(point: string): Promise<number> {
    const text = point.trim();
    const head = await this.deps.store.head();
    const headRev = head?.rev ?? 0;
    const asNumber = /^r?(\d+)$/i.exec(text);
    if (asNumber) {
      const rev = Number(asNumber[1]);
      if (rev > headRev) throw new NotFoundError('REVISION_NOT_FOUND', `revision ${rev} does not exist (the newest is ${headRev})`);
      return rev;
    }
    const change = /^CHG-\d+$/i.exec(text);
    if (change) {
      const rev = await this.deps.store.revisionOfChange(text.toUpperCase());
      if (!rev) throw new NotFoundError('CHANGE_NOT_IMPLEMENTED', `${text.toUpperCase()} has not been implemented, so there is no state right after it`);
      return rev.rev;
    }
    const baseline = await this.deps.store.getBaseline(text);
    if (baseline) return baseline.rev;
    if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
      const t = Date.parse(text);
      if (Number.isNaN(t)) throw new InputError('INVALID_TIME', `"${text}" is not a valid ISO-8601 time`);
      const rev = await this.deps.store.revisionAtTime(new Date(t).toISOString());
      if (!rev) throw new NotFoundError('REVISION_NOT_FOUND', `there is no revision at or before ${text}`);
      return rev.rev;
    }
    throw new NotFoundError('POINT_NOT_FOUND', `"${text}" is neither a revision number, a baseline nor an ISO time`);
  }

  /**
   * What changed between two revisions: CIs and relationships added, removed and modified, each
   * modification down to the field. Reads only the versions that began or ended in between.
   */
  async diff(fromRev: number, toRev: number): Promise<Diff> {
    const [lo, hi] = fromRev <= toRev ? [fromRev, toRev] : [toRev, fromRev];
    const changed = await this.deps.store.versionsChangedBetween(lo, hi);
    const reversed = fromRev > toRev;
    const cis = pairVersions(reversed ? changed.cisAfter : changed.cisBefore, reversed ? changed.cisBefore : changed.cisAfter);
    const rels = pairVersions(
      reversed ? changed.relationsAfter : changed.relationsBefore,
      reversed ? changed.relationsBefore : changed.relationsAfter,
    );
    const names = await this.deps.cmdb.namesOf(
      [...changed.relationsBefore, ...changed.relationsAfter].flatMap((r) => [r.sourceId, r.targetId]),
      hi,
    );
    const relRef = (r: RelationVersion) => `${names.get(r.sourceId) ?? r.sourceId} ${r.type} ${names.get(r.targetId) ?? r.targetId}`;
    const relEntry = (r: RelationVersion) => ({ ref: relRef(r), id: r.id, type: r.type, from: names.get(r.sourceId) ?? r.sourceId, to: names.get(r.targetId) ?? r.targetId, attributes: r.attributes });
    const ciEntry = (v: CiVersion) => ({ ref: formatRef(v), id: v.id, status: v.status, attributes: v.attributes, labels: v.labels });
    const relations: DiffSection = {
      added: rels.added.map(relEntry).sort(byRef),
      removed: rels.removed.map(relEntry).sort(byRef),
      modified: rels.modified.map(([b, a]) => ({ ref: relRef(a), id: a.id, changes: relationChanges(b, a) })).sort(byRef),
    };
    return {
      from: fromRev,
      to: toRev,
      added: cis.added.map(ciEntry).sort(byRef),
      removed: cis.removed.map(ciEntry).sort(byRef),
      modified: cis.modified.map(([b, a]) => ({ ref: formatRef(a), id: a.id, changes: ciChanges(b, a) })).sort(byRef),
      relations,
    };
  }

  /** The CI now, or its latest version if it was deleted: `log` works for deleted CIs too. */
  private async findCiAnyTime(ref: CiRef): Promise<CiVersion> {
    const latest = await this.deps.store.getLatestCiByRef(ref);
    if (!latest) throw new NotFoundError('CI_NOT_FOUND', `${formatRef(ref)} does not exist and never did`);
    return latest;
  }
}

function byRef(a: { ref: string }, b: { ref: string }): number {
  return a.ref < b.ref ? -1 : a.ref > b.ref ? 1 : 0;
}
