import { formatRef } from '../../core/ci/desired-state.js';
import type { ImportOutcome, ImportProblem } from '../../core/import/import.types.js';
import type { CmdbService } from '../../core/ci/cmdb.service.js';
import { countWrites, describeCounts } from './write-summary.js';
import { formatSeconds, groupDigits } from '../progress.js';

const SHOWN_PROBLEMS = 200;

/** `FILE, line 3: reason` — one bad record. */
export function problemLine(p: ImportProblem): string {
  return p.location === undefined ? `${p.file}: ${p.message}` : `${p.file}, ${p.location}: ${p.message}`;
}

/** Prints every bad record (the first few hundred) to standard error. */
export function printProblems(problems: ImportProblem[]): void {
  for (const p of problems.slice(0, SHOWN_PROBLEMS)) process.stderr.write(`${problemLine(p)}\n`);
  if (problems.length > SHOWN_PROBLEMS) process.stderr.write(`… and ${problems.length - SHOWN_PROBLEMS} more bad records (-o json lists them all)\n`);
}

/** The refs of what an import wrote or would write, by action; relationship ends named. */
export async function changeLists(outcome: ImportOutcome, cmdb: CmdbService) {
  const names = new Map<string, string>();
  for (const w of outcome.writes.cis) for (const v of [w.before, w.after]) if (v) names.set(v.id, formatRef(v));
  const ends = outcome.writes.relations.flatMap((w) => [w.before ?? w.after!]).flatMap((r) => [r.sourceId, r.targetId]);
  for (const [id, ref] of await cmdb.namesOf(ends.filter((id) => !names.has(id)))) names.set(id, ref);
  const action = (w: { before?: unknown; after?: unknown }) => (w.before && w.after ? 'modified' : w.after ? 'added' : 'removed');
  const lists = { added: [] as string[], modified: [] as string[], removed: [] as string[] };
  const relations = { added: [] as string[], modified: [] as string[], removed: [] as string[] };
  for (const w of outcome.writes.cis) lists[action(w)].push(formatRef((w.after ?? w.before)!));
  for (const w of outcome.writes.relations) {
    const r = (w.after ?? w.before)!;
    relations[action(w)].push(`${names.get(r.sourceId) ?? r.sourceId} ${r.type} ${names.get(r.targetId) ?? r.targetId}`);
  }
  return { ...lists, relations };
}

export interface ImportSummary {
  source: string;
  files: string[];
  ms: number;
}

export function importJson(outcome: ImportOutcome, summary: ImportSummary, lists?: Awaited<ReturnType<typeof changeLists>>) {
  return {
    revision: outcome.revision?.rev ?? null,
    hash: outcome.revision?.hash ?? null,
    dryRun: outcome.dryRun,
    source: summary.source,
    read: outcome.read,
    seconds: summary.ms / 1000,
    ...countWrites(outcome.writes),
    problems: outcome.problems,
    ...(lists ? { changes: lists } : {}),
  };
}

/** The one-line summary (pipelines and logs see only this), with the dry run's lists above it. */
export function importText(outcome: ImportOutcome, summary: ImportSummary, lists?: Awaited<ReturnType<typeof changeLists>>): string {
  const lines: string[] = [];
  const what = describeCounts(countWrites(outcome.writes));
  const records = outcome.read.cis + outcome.read.relations;
  const rate = groupDigits(records / Math.max(summary.ms / 1000, 0.001));
  const skipped = outcome.problems.length > 0 ? ` ${outcome.problems.length} bad records skipped (listed above).` : '';
  if (lists) {
    for (const [sign, list] of [['+', lists.added], ['~', lists.modified], ['-', lists.removed]] as const) for (const ref of list) lines.push(`${sign} ${ref}`);
    for (const [sign, list] of [['+', lists.relations.added], ['~', lists.relations.modified], ['-', lists.relations.removed]] as const) for (const ref of list) lines.push(`${sign} ${ref}`);
    lines.push(what === '' ? `No changes: the import would write nothing (source ${summary.source}).` : `Dry run: would write ${what}. Nothing written.${skipped}`);
  } else if (!outcome.revision) {
    lines.push(`No changes: the CMDB already holds what ${summary.files.join(', ')} describe (source ${summary.source}); nothing written.${skipped}`);
  } else {
    lines.push(
      `Imported ${outcome.read.cis} CIs, ${outcome.read.relations} relationships in ${formatSeconds(summary.ms)} (${rate}/s): revision ${outcome.revision.rev} (${what}).${skipped}`,
    );
  }
  return lines.join('\n');
}
