import { Type, type Static } from '@sinclair/typebox';
import { REPORT_NAMES } from '../core/report/report-document.js';

const Cell = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

/** A report: headline figures and tables; CSV and the printable page render the same document. */
export const ReportView = Type.Object(
  {
    report: Type.Union(REPORT_NAMES.map((n) => Type.Literal(n))),
    title: Type.String(),
    generatedAt: Type.String({ description: 'when the report was made (UTC)' }),
    revision: Type.Optional(Type.Integer({ description: 'the CMDB revision the figures are read at' })),
    summary: Type.Array(Type.Object({ label: Type.String(), value: Type.Union([Type.String(), Type.Number()]) })),
    sections: Type.Array(
      Type.Object({
        heading: Type.String(),
        columns: Type.Array(Type.Object({ key: Type.String(), label: Type.String() })),
        rows: Type.Array(Type.Record(Type.String(), Cell)),
      }),
    ),
  },
  { title: 'Report' },
);
export type ReportView = Static<typeof ReportView>;

export const REPORT_FORMATS = ['json', 'csv', 'html'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export const ReportFormatQuery = Type.Object({
  format: Type.Optional(
    Type.Union(
      REPORT_FORMATS.map((f) => Type.Literal(f)),
      { description: 'json (default), csv (a spreadsheet), or html (a page to read and print)' },
    ),
  ),
});

export const ReportPeriodQuery = Type.Composite([
  ReportFormatQuery,
  Type.Object({
    from: Type.Optional(Type.String({ minLength: 1, description: 'start, ISO-8601 (default: 30 days before now)' })),
    to: Type.Optional(Type.String({ minLength: 1, description: 'end, excluded, ISO-8601 (default: now)' })),
  }),
]);

export const ReportAtQuery = Type.Composite([
  ReportFormatQuery,
  Type.Object({
    at: Type.Optional(
      Type.String({ minLength: 1, description: 'a revision, baseline, CHG-n or ISO time (default: now)' }),
    ),
  }),
]);
