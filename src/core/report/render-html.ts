import type { ReportCell, ReportDocument, ReportSection } from './report-document.js';

/**
 * A report as a page to read and print: self-contained (its style inline, no script, nothing
 * fetched), so it prints the same from the browser, from a saved file, or from an email.
 */
export function reportHtml(doc: ReportDocument): string {
  const summary = doc.summary
    .map((f) => `<div class="figure"><dt>${escape(f.label)}</dt><dd>${escape(String(f.value))}</dd></div>`)
    .join('');
  const at = doc.revision === undefined ? '' : ` · CMDB revision ${doc.revision}`;
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>${escape(doc.title)} · Cairn</title>
<style>${REPORT_STYLE}</style>
</head>
<body>
<header><h1>${escape(doc.title)}</h1><p class="meta">Made ${escape(doc.generatedAt)}${at} by Cairn</p></header>
${summary === '' ? '' : `<dl class="summary">${summary}</dl>`}
${doc.sections.map(sectionHtml).join('\n')}
</body>
</html>
`;
}

function sectionHtml(s: ReportSection): string {
  const head = s.columns.map((c) => `<th scope="col">${escape(c.label)}</th>`).join('');
  const body =
    s.rows.length === 0
      ? `<tr><td colspan="${s.columns.length}" class="none">None.</td></tr>`
      : s.rows.map((row) => `<tr>${s.columns.map((c) => cellHtml(row[c.key] ?? null)).join('')}</tr>`).join('\n');
  return `<section><h2>${escape(s.heading)}</h2>
<table><thead><tr>${head}</tr></thead>
<tbody>
${body}
</tbody></table></section>`;
}

function cellHtml(cell: ReportCell): string {
  if (cell === null) return '<td class="none">—</td>';
  if (typeof cell === 'number') return `<td class="num">${cell.toLocaleString('en')}</td>`;
  return `<td>${escape(String(cell))}</td>`;
}

/** Text as HTML: every character that could open markup is escaped (names and comments are user data). */
function escape(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

/** The page's only style, inline so the page stands alone; a server's content policy allows it by its hash. */
export const REPORT_STYLE = `
body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1b1f24; margin: 2rem; }
h1 { font-size: 1.5rem; margin: 0; }
h2 { font-size: 1.1rem; margin: 2rem 0 .5rem; }
.meta { color: #555; margin: .25rem 0 1.5rem; }
.summary { display: flex; flex-wrap: wrap; gap: 1rem 2.5rem; margin: 0 0 1rem; }
.figure dt { color: #555; font-size: .85rem; }
.figure dd { margin: 0; font-size: 1.25rem; font-weight: 600; }
table { border-collapse: collapse; width: 100%; }
th, td { text-align: left; padding: .3rem .6rem; border-bottom: 1px solid #d0d7de; vertical-align: top; }
th { background: #f3f4f6; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
td.none { color: #555; }
@media print {
  body { margin: 0; font-size: 11px; }
  thead { display: table-header-group; }
  tr { break-inside: avoid; }
  section { break-inside: auto; }
}
`;
