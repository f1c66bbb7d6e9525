import type { ImportReport } from '../../contracts/import.contracts.js';
import { describeCounts } from '../../core/cmdb/write-views.js';
import { formatSeconds, groupDigits } from '../progress.js';

const SHOWN_PROBLEMS = 200;

type Problem = ImportReport['problems'][number];

/** `FILE, line 3: reason` — one bad record. */
export function problemLine(p: Problem): string {
  return p.location === undefined ? `${p.file}: ${p.message}` : `${p.file}, ${p.location}: ${p.message}`;
}

/** `1 bad record`, `2 bad records`. */
export function count(n: number, noun: string, plural = `${noun}s`): string {
  return `${groupDigits(n)} ${n === 1 ? noun : plural}`;
}

type Unresolved = ImportReport['unresolved'][number];

/** `FILE, path: warning: …` — a reference kept waiting for its target. */
export function unresolvedLine(u: Unresolved): string {
  const where = u.location === undefined ? u.file : `${u.file}, ${u.location}`;
  return `${where}: warning: ${u.from} ${u.type} ${u.to}: ${u.missing} is neither in the input nor in the CMDB; kept as an unresolved reference (cairn list refs --unresolved)`;
}

/**
 * Prints to standard error, the first few hundred of each: every bad record, every object skipped
 * as not inventory (a note), every reference kept unresolved (a warning).
 */
export function printProblems(report: Pick<ImportReport, 'problems' | 'skipped' | 'unresolved'>): void {
  const lists: [string[], string][] = [
    [report.problems.map(problemLine), 'bad records'],
    [report.skipped.map((p) => `${problemLine(p)} (skipped)`), 'skipped objects'],
    [report.unresolved.map(unresolvedLine), 'unresolved references'],
  ];
  for (const [lines, what] of lists) {
    for (const line of lines.slice(0, SHOWN_PROBLEMS)) process.stderr.write(`${line}\n`);
    if (lines.length > SHOWN_PROBLEMS)
      process.stderr.write(`… and ${lines.length - SHOWN_PROBLEMS} more ${what} (-o json lists them all)\n`);
  }
}

/** Why a refused import wrote nothing, and what to do: `--skip-invalid` only when it would write something. */
export function refusalMessage(report: ImportReport): string {
  const n = report.problems.length;
  const bad = `${count(n, 'bad record')} in the input: nothing written`;
  if (describeCounts(report) === '')
    return `${bad}; the good records would change nothing either, so fix ${n === 1 ? 'it' : 'them'} and import again`;
  return `${bad} (fix ${n === 1 ? 'it' : 'them'}, or pass --skip-invalid to write the good records)`;
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
    unchanged: r.unchanged,
    classes: r.classes,
    problems: r.problems,
    skipped: r.skipped,
    unresolved: r.unresolved,
    resolved: r.resolved,
    ...(r.changes ? { changes: r.changes } : {}),
  };
}

/**
 * The summary of what the revision wrote (pipelines and logs see only this line): added, changed
 * and unchanged CIs and relationships, skipped objects, unresolved references and bad records.
 * On a dry run, the lists of what would change come first.
 */
export function importText(r: ImportReport, summary: ImportSummary): string {
  const lines: string[] = [];
  const lists = r.changes;
  if (lists) {
    for (const [sign, list] of [
      ['+', lists.added],
      ['~', lists.modified],
      ['-', lists.removed],
      ['+', lists.relations.added],
      ['~', lists.relations.modified],
      ['-', lists.relations.removed],
    ] as const)
      for (const ref of list) lines.push(`${sign} ${ref}`);
  }
  const tally = exactCounts(r);
  const records = r.read.cis + r.read.relations;
  const rate = groupDigits(records / Math.max(summary.ms / 1000, 0.001));
  if (lists) lines.push(`Dry run, nothing written: ${tally}.`);
  else if (r.revision === null) lines.push(`No changes: nothing written (source ${r.source}): ${tally}.`);
  else
    lines.push(
      `Imported as revision ${r.revision} in ${formatSeconds(summary.ms)} (${rate} records/s, source ${r.source}): ${tally}.`,
    );
  return lines.join('\n');
}

/** `CIs: 2 added, 1 changed, 5 unchanged; relationships: 3 added; 1 skipped; 2 unresolved references`. */
function exactCounts(r: ImportReport): string {
  const part = (noun: string, c: { added: number; modified: number; removed: number }, unchanged: number) => {
    const bits = [
      c.added && `${groupDigits(c.added)} added`,
      c.modified && `${groupDigits(c.modified)} changed`,
      c.removed && `${groupDigits(c.removed)} removed`,
      unchanged && `${groupDigits(unchanged)} unchanged`,
    ].filter(Boolean);
    return bits.length > 0 ? `${noun}: ${bits.join(', ')}` : '';
  };
  return (
    [
      part('CIs', r.cis, r.unchanged.cis),
      part('relationships', r.relations, r.unchanged.relations),
      r.classes ? `${count(r.classes, 'class/type definition')} written` : '',
      skippedCount(r.skipped),
      r.unresolved.length ? count(r.unresolved.length, 'unresolved reference') : '',
      r.resolved ? `${count(r.resolved, 'earlier reference')} resolved` : '',
      r.problems.length ? `${count(r.problems.length, 'bad record')} skipped (listed above)` : '',
    ]
      .filter((s) => s !== '')
      .join('; ') || 'the input holds no records'
  );
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

/** `1 skipped (not inventory)`, `2 skipped (repeated rows)`, or both kinds counted apart: the summary says which. */
function skippedCount(skipped: ImportReport['skipped']): string {
  if (skipped.length === 0) return '';
  // A repeated row's note says it repeats an earlier one (csv-repeats.ts); every other skip is not inventory.
  const repeated = skipped.filter((p) => /\brepeats\b.*\bis kept$/.test(p.message)).length;
  const other = skipped.length - repeated;
  const why =
    repeated === 0
      ? 'not inventory'
      : other === 0
        ? `repeated ${repeated === 1 ? 'row' : 'rows'}`
        : `${groupDigits(other)} not inventory, ${groupDigits(repeated)} repeated`;
  return `${groupDigits(skipped.length)} skipped (${why})`;
}
