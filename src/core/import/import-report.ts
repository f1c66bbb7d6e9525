import type { CmdbService } from '../cmdb/cmdb.service.js';
import { formatRef } from '../ci/desired-state.js';
import type { WriteCounts } from '../cmdb/write-views.js';
import type { ImportOutcome, ImportProblem, UnresolvedNote } from './import.types.js';

/** The refs an import wrote or would write, by action; relationships with their ends named. */
export interface ImportChangeLists {
  added: string[];
  modified: string[];
  removed: string[];
  relations: { added: string[]; modified: string[]; removed: string[] };
}

/**
 * What an import did, as the API returns it and the CLI prints it: the revision (null on a dry
 * run, when nothing changed, or when bad records refused it), the counts, every bad record
 * (FILE, line N), and on a dry run the lists of what would change.
 */
export interface ImportReport extends WriteCounts {
  revision: number | null;
  hash: string | null;
  dryRun: boolean;
  /** True when bad records made the import write nothing (no `skipInvalid`). */
  refused: boolean;
  source: string;
  read: { cis: number; relations: number };
  /** Good records that wrote nothing: the CMDB already held them. */
  unchanged: { cis: number; relations: number };
  problems: ImportProblem[];
  /** Objects skipped as not inventory, one note each. */
  skipped: ImportProblem[];
  /** References kept waiting for their target (warnings). */
  unresolved: UnresolvedNote[];
  /** References of earlier imports this one resolved into relationships. */
  resolved: number;
  changes?: ImportChangeLists;
  /** With `asChange`: the change opened (null when the import would write nothing). */
  change?: { ref: string; state: string } | null;
}

/** The report of an outcome; given the CMDB to name them, a dry run's report lists the refs it would change. */
export async function importReport(outcome: ImportOutcome, source: string, cmdb?: CmdbService): Promise<ImportReport> {
  const counts = outcome.counts;
  const report: ImportReport = {
    revision: outcome.revision?.rev ?? null,
    hash: outcome.revision?.hash ?? null,
    dryRun: outcome.dryRun,
    refused: outcome.refused,
    source,
    read: outcome.read,
    unchanged: outcome.unchanged,
    ...counts,
    problems: outcome.problems.map(apiOrder),
    skipped: outcome.skipped.map(apiOrder),
    unresolved: outcome.unresolved.map((u) => ({
      file: u.file,
      ...(u.location !== undefined ? { location: u.location } : {}),
      type: u.type,
      from: u.from,
      to: u.to,
      missing: u.missing,
    })),
    resolved: outcome.resolved,
  };
  if (cmdb && outcome.dryRun && !outcome.refused) report.changes = await changeLists(outcome, cmdb);
  return report;
}

/** In the API's order (required properties first): file, message, then location where known. */
function apiOrder(p: ImportProblem): ImportProblem {
  return { file: p.file, message: p.message, ...(p.location !== undefined ? { location: p.location } : {}) };
}

async function changeLists(outcome: ImportOutcome, cmdb: CmdbService): Promise<ImportChangeLists> {
  const names = new Map<string, string>();
  for (const w of outcome.writes.cis) for (const v of [w.before, w.after]) if (v) names.set(v.id, formatRef(v));
  const ends = outcome.writes.relations.flatMap((w) => [w.before ?? w.after!]).flatMap((r) => [r.sourceId, r.targetId]);
  for (const [id, ref] of await cmdb.namesOf(ends.filter((id) => !names.has(id)))) names.set(id, ref);
  const action = (w: { before?: unknown; after?: unknown }) =>
    w.before && w.after ? 'modified' : w.after ? 'added' : 'removed';
  const lists: ImportChangeLists = {
    added: [],
    modified: [],
    removed: [],
    relations: { added: [], modified: [], removed: [] },
  };
  for (const w of outcome.writes.cis) lists[action(w)].push(formatRef((w.after ?? w.before)!));
  for (const w of outcome.writes.relations) {
    const r = (w.after ?? w.before)!;
    lists.relations[action(w)].push(
      `${names.get(r.sourceId) ?? r.sourceId} ${r.type} ${names.get(r.targetId) ?? r.targetId}`,
    );
  }
  return lists;
}
