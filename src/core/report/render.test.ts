import { describe, expect, it } from 'vitest';
import { parse } from 'csv-parse/sync';
import { reportCsv } from './render-csv.js';
import { reportHtml } from './render-html.js';
import { section, type ReportDocument } from './report-document.js';

/** A report whose cells carry what a careless or hostile user could have typed into a CI. */
function hostile(): ReportDocument {
  return {
    report: 'cis',
    title: 'CIs <by> class & "status"',
    generatedAt: '2026-12-04T12:00:00.000Z',
    revision: 7,
    summary: [{ label: 'CIs', value: 3 }],
    sections: [
      section(
        'CIs',
        [
          ['name', 'Name'],
          ['note', 'Note'],
          ['count', 'Count'],
          ['live', 'Live'],
        ],
        [
          { name: '=HYPERLINK("http://evil.example","click")', note: 'a, "quoted"\nline', count: 1, live: true },
          { name: '<script>alert(1)</script>', note: null, count: 1234567, live: false },
          { name: '-2+3', note: '@SUM(A1)', count: 0, live: null },
        ],
      ),
    ],
  };
}

describe('a report as CSV', () => {
  it('reads back as the same table, with formulas written as text and commas, quotes and newlines kept', () => {
    const csv = reportCsv(hostile());
    const rows = parse(csv);
    expect(rows).toEqual([
      ['Name', 'Note', 'Count', 'Live'],
      ['\'=HYPERLINK("http://evil.example","click")', 'a, "quoted"\nline', '1', 'true'],
      ['<script>alert(1)</script>', '', '1234567', 'false'],
      ["'-2+3", "'@SUM(A1)", '0', ''],
    ]);
  });

  it('gives each table of a report of several its heading, an empty line between them', () => {
    const doc = hostile();
    doc.sections.push(section('Labels', [['label', 'Label']], [{ label: 'team' }]));
    expect(reportCsv(doc).split('\n').slice(-5)).toEqual(['', 'Labels', 'Label', 'team', '']);
    expect(reportCsv(doc).startsWith('CIs\nName,Note,Count,Live\n')).toBe(true);
  });
});

describe('a report as a printable page', () => {
  it('escapes every value, so nothing a user typed becomes markup', () => {
    const html = reportHtml(hostile());
    expect(html).not.toContain('<script>');
    expect(html).toContain('&#60;script&#62;alert(1)&#60;/script&#62;');
    expect(html).toContain('<title>CIs &#60;by&#62; class &#38; &#34;status&#34; · Cairn</title>');
    expect(html).toContain('CMDB revision 7');
    // Numbers are grouped and right-aligned; an empty cell says so.
    expect(html).toContain('<td class="num">1,234,567</td>');
    expect(html).toContain('<td class="none">—</td>');
  });

  it('says "None." for an empty table rather than printing a bare header', () => {
    const doc = hostile();
    doc.sections[0]!.rows = [];
    expect(reportHtml(doc)).toContain('<td colspan="4" class="none">None.</td>');
  });
});
