import type { CmdbService } from './cmdb.service.js';
import { formatRef, type CiRef } from '../ci/desired-state.js';
import type { CiVersion } from '../ci/ci.types.js';
import type { CmdbStore } from './cmdb.port.js';
import { NotFoundError, InputError } from '../shared/errors.js';
import type { Diff } from '../revision/diff.js';
import { readDiff } from './read-diff.js';
import type { Revision } from '../revision/revision.types.js';
import { parseRealTime } from '../shared/calendar.js';

/** One page of the revision log, newest first; `nextCursor` is the revision below the page's last. */
export interface RevisionLogPage {
  items: Revision[];
  nextCursor: string | null;
  /** How long the log is, on the first page: the whole CMDB's (its head revision); a CI's only when one page holds it. */
  total?: number;
}

/**
 * Status accounting: the revision log, reading `--at` references, and diffs between any two
 * points. A point is a revision number, a baseline name, CHG-n or an ISO time.
 */
export class HistoryService {
  constructor(private readonly deps: { store: CmdbStore; cmdb: CmdbService }) {}

  async log(query: { ref?: CiRef; limit: number; beforeRev?: number }): Promise<Revision[]> {
    let ciId: string | undefined;
    if (query.ref) ciId = (await this.findCiAnyTime(query.ref)).id;
    return this.deps.store.listRevisions({ ciId, limit: query.limit, beforeRev: query.beforeRev });
  }

  /**
   * One page of the log of the whole CMDB or of one CI. The cursor is a revision number, so a page
   * read later is not shifted by revisions written in between.
   */
  async logPage(query: { ref?: CiRef; limit: number; cursor?: string }): Promise<RevisionLogPage> {
    const beforeRev = query.cursor === undefined ? undefined : revisionCursor(query.cursor);
    const rows = await this.log({ ref: query.ref, limit: query.limit + 1, beforeRev });
    const items = rows.slice(0, query.limit);
    const more = rows.length > query.limit;
    const nextCursor = more ? String(items[items.length - 1]!.rev) : null;
    const total = query.cursor === undefined ? await this.logTotal(query.ref, more, items.length) : undefined;
    return { items, nextCursor, ...(total === undefined ? {} : { total }) };
  }

  /**
   * How long a log is, where that is cheap: a first page that holds everything is the whole log;
   * revisions are numbered 1, 2, 3 … without gaps, so the head's number is the whole CMDB's.
   * Counting one CI's revisions would take a query of its own: left out.
   */
  private async logTotal(ref: CiRef | undefined, more: boolean, onPage: number): Promise<number | undefined> {
    if (!more) return onPage;
    return ref === undefined ? this.headRev() : undefined;
  }

  /** The newest revision; NotFoundError on a CMDB that has none yet. */
  async head(): Promise<Revision> {
    const head = await this.deps.store.head();
    if (!head) throw new NotFoundError('REVISION_NOT_FOUND', 'the CMDB has no revision yet');
    return head;
  }

  /** The newest revision's number; 0 on a CMDB that has none yet. */
  async headRev(): Promise<number> {
    return (await this.deps.store.head())?.rev ?? 0;
  }

  async revision(rev: number): Promise<Revision> {
    const r = await this.deps.store.getRevision(rev);
    if (!r)
      throw new NotFoundError(
        'REVISION_NOT_FOUND',
        `revision ${rev} does not exist (the newest is ${await this.headRev()})`,
      );
    return r;
  }

  /** What changed from one point to another (`to` absent: now), each point as `resolvePoint` reads it. */
  async diffPoints(from: string, to?: string): Promise<Diff> {
    const fromRev = await this.resolvePoint(from);
    const toRev = to === undefined ? await this.headRev() : await this.resolvePoint(to);
    return this.diff(fromRev, toRev);
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
      if (rev > headRev)
        throw new NotFoundError('REVISION_NOT_FOUND', `revision ${rev} does not exist (the newest is ${headRev})`);
      return rev;
    }
    const change = /^CHG-\d+$/i.exec(text);
    if (change) {
      const rev = await this.deps.store.revisionOfChange(text.toUpperCase());
      if (!rev)
        throw new NotFoundError(
          'CHANGE_NOT_IMPLEMENTED',
          `${text.toUpperCase()} has not been implemented, so there is no state right after it`,
        );
      return rev.rev;
    }
    const baseline = await this.deps.store.getBaseline(text);
    if (baseline) return baseline.rev;
    if (/^\d{4}-\d{2}-\d{2}/.test(text)) {
      const t = parseRealTime(text);
      if (Number.isNaN(t)) throw new InputError('INVALID_TIME', `"${text}" is not a valid ISO-8601 time`);
      const rev = await this.deps.store.revisionAtTime(new Date(t).toISOString());
      if (!rev) throw new NotFoundError('REVISION_NOT_FOUND', `there is no revision at or before ${text}`);
      return rev.rev;
    }
    throw new NotFoundError('POINT_NOT_FOUND', `"${text}" is neither a revision number, a baseline nor an ISO time`);
  }

  /**
   * What changed between two revisions: CIs and relationships added, removed and modified, each
   * modification down to the field, each line with the revision that made it (see `readDiff`).
   */
  async diff(fromRev: number, toRev: number): Promise<Diff> {
    return readDiff(this.deps, fromRev, toRev);
  }

  /** The CI now, or its latest version if it was deleted: `log` works for deleted CIs too. */
  private async findCiAnyTime(ref: CiRef): Promise<CiVersion> {
    const latest = await this.deps.store.getLatestCiByRef(ref);
    if (!latest) throw new NotFoundError('CI_NOT_FOUND', `${formatRef(ref)} does not exist and never did`);
    return latest;
  }
}

function revisionCursor(cursor: string): number {
  if (!/^[0-9]+$/.test(cursor))
    throw new InputError('INVALID_CURSOR', 'the cursor is not one Cairn gave out: start again without it', [
      { path: 'cursor', message: 'is not a cursor from a previous page' },
    ]);
  return Number(cursor);
}
