import type { ImportReport } from '../../contracts/import.contracts.js';
import { describeCounts } from '../../core/cmdb/write-views.js';
import { formatSeconds, groupDigits } from '../progress.js';

const SHOWN_PROBLEMS = 200;

type Problem = ImportReport['problems'][number];

/** `FILE, line 3: reason` — one bad record. */
export function problemLine(p: Problem): string {
  return p.location === undefined ? `${p.file}: ${p.message}` : `${p.file}, ${p.location}: ${p.message}`;
}

/** Prints every bad record (the first few hundred) to standard error. */
export function printProblems(problems: Problem[]): void {
  for (const p of problems.slice(0, SHOWN_PROBLEMS)) process.stderr.write(`${problemLine(p)}\n`);
  if (problems.length > SHOWN_PROBLEMS)
    process.stderr.write(`… and ${problems.length - SHOWN_PROBLEMS} more bad records (-o json lists them all)\n`);
}

export interface ImportSummary {
  files: string[];
  ms: number;
}

/** `cairn import -o json`: the report with the time it took, as scripts read it. */
export function importJson(r: ImportReport, summary: ImportSummary) {
  return {
    revision: r.revision,
    hash: r.hash,
    dryRun: r.dryRun,
    source: r.source,
    read: r.read,
    seconds: summary.ms / 1000,
    cis: r.cis,
    relations: r.relations,
    classes: r.classes,
    problems: r.problems,
    ...(r.changes ? { changes: r.changes } : {}),
  };
}

/** The one-line summary (pipelines and logs see only this), with the dry run's lists above it. */
export function importText(r: ImportReport, summary: ImportSummary): string {
  const lines: string[] = [];
  const what = describeCounts(r);
  const records = r.read.cis + r.read.relations;
  const rate = groupDigits(records / Math.max(summary.ms / 1000, 0.001));
  const skipped = r.problems.length > 0 ? ` ${r.problems.length} bad records skipped (listed above).` : '';
  const lists = r.changes;
  if (lists) {
    for (const [sign, list] of [
      ['+', lists.added],
      ['~', lists.modified],
      ['-', lists.removed],
    ] as const)
      for (const ref of list) lines.push(`${sign} ${ref}`);
    for (const [sign, list] of [
      ['+', lists.relations.added],
      ['~', lists.relations.modified],
      ['-', lists.relations.removed],
    ] as const)
      for (const ref of list) lines.push(`${sign} ${ref}`);
    lines.push(
      what === ''
        ? `No changes: the import would write nothing (source ${r.source}).`
        : `Dry run: would write ${what}. Nothing written.${skipped}`,
    );
  } else if (r.revision === null) {
    lines.push(
      `No changes: the CMDB already holds what ${summary.files.join(', ')} describe (source ${r.source}); nothing written.${skipped}`,
    );
  } else {
    lines.push(
      `Imported ${r.read.cis} CIs, ${r.read.relations} relationships in ${formatSeconds(summary.ms)} (${rate}/s): revision ${r.revision} (${what}).${skipped}`,
    );
  }
  return lines.join('\n');
}

/** What `--as-change` prints: the change opened, or that there was nothing to put in one. */
export function asChangeJson(r: ImportReport) {
  return r.change
    ? { change: r.change.ref, state: r.change.state, cis: r.cis, relations: r.relations, classes: r.classes }
    : { change: null };
}

export function asChangeText(r: ImportReport): string {
  if (!r.change) return `No changes: the import would write nothing (source ${r.source}); no change opened.`;
  return `Opened ${r.change.ref} (${r.change.state}): its plan is the import (${describeCounts(r)}); nothing written yet.`;
}
