import { stringify } from 'csv-stringify/sync';
import type { ReportDocument, ReportSection } from './report-document.js';

/**
 * A report as CSV (RFC 4180), for a spreadsheet. A report of one table is that table with a
 * header row. A report of several tables (a CI's full record) gives each its heading on a line of
 * its own, then its header row and rows, with an empty line between tables. Cells a spreadsheet
 * would run as a formula (`=`, `+`, `-`, `@` first) are written with a leading apostrophe: a CI
 * name is data, never a formula.
 */
export function reportCsv(doc: ReportDocument): string {
  if (doc.sections.length === 1) return tableCsv(doc.sections[0]!);
  return doc.sections.map((s) => stringify([[s.heading]], { escape_formulas: true }) + tableCsv(s)).join('\n');
}

function tableCsv(s: ReportSection): string {
  const header = s.columns.map((c) => c.label);
  const rows = s.rows.map((row) => s.columns.map((c) => row[c.key] ?? ''));
  return stringify([header, ...rows], { escape_formulas: true, cast: { boolean: (b) => (b ? 'true' : 'false') } });
}
