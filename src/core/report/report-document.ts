/**
 * A report as a document: a title, a few headline figures, and tables. Every report Cairn
 * prints (status accounting, a baseline's contents, the full record of a CI or a change) takes
 * this one shape, so that JSON, CSV and the printable HTML page are three renderings of the same
 * thing and can never disagree.
 */
export interface ReportDocument {
  /** Which report: `cis`, `changes`, `baselines`, `baseline`, `ci`, `change`, `metrics`, `audit`, `releases`. */
  report: ReportName;
  title: string;
  /** When the report was made (UTC ISO-8601). */
  generatedAt: string;
  /** The CMDB revision the figures are read at, where the report reads the CMDB. */
  revision?: number;
  /** Headline figures, in the order a reader takes them in. */
  summary: ReportFigure[];
  sections: ReportSection[];
}

export const REPORT_NAMES = [
  'cis',
  'changes',
  'baselines',
  'baseline',
  'ci',
  'change',
  'metrics',
  'audit',
  'releases',
] as const;
export type ReportName = (typeof REPORT_NAMES)[number];

export interface ReportFigure {
  label: string;
  value: string | number;
}

/** One table: its columns in order, and rows keyed by the columns' keys. */
export interface ReportSection {
  heading: string;
  columns: ReportColumn[];
  rows: ReportRow[];
}

export interface ReportColumn {
  key: string;
  label: string;
}

export type ReportCell = string | number | boolean | null;
export type ReportRow = Record<string, ReportCell>;

/** A section from rows, with the columns named as [key, label] pairs. */
export function section(heading: string, columns: [key: string, label: string][], rows: ReportRow[]): ReportSection {
  return { heading, columns: columns.map(([key, label]) => ({ key, label })), rows };
}
