import { toYaml } from '../../core/shared/yaml-text.js';
import type { CiRecord, ExportPage, RelationRecord } from '../../core/import/export-records.js';
import { CAIRN_CSV_COLUMNS, csvCell } from './csv-layout.js';

export const EXPORT_FORMATS = ['ndjson', 'json', 'yaml', 'csv'] as const;
export type ExportFormat = (typeof EXPORT_FORMATS)[number];

/** Where export text goes; resolves when the text may be followed by more (back-pressure). */
export type TextSink = (text: string) => Promise<void>;

/**
 * Writes export pages in one of Cairn's own formats, each readable by `cairn import` with the
 * same word. NDJSON, CSV and JSON are written page by page; YAML is built whole (use NDJSON for
 * large volumes).
 */
export async function writeExport(
  format: ExportFormat,
  pages: AsyncIterable<ExportPage>,
  sink: TextSink,
): Promise<{ cis: number; relations: number }> {
  const counts = { cis: 0, relations: 0 };
  const counted = async function* () {
    for await (const page of pages) {
      if (page.kind === 'cis') counts.cis += page.cis.length;
      if (page.kind === 'relations') counts.relations += page.relations.length;
      yield page;
    }
  };
  switch (format) {
    case 'ndjson':
      for await (const page of counted()) await sink(ndjsonLines(page));
      break;
    case 'csv':
      await sink(`${CAIRN_CSV_COLUMNS.join(',')}\n`);
      for await (const page of counted()) {
        if (page.kind === 'model' && page.classes.length + page.relationTypes.length > 0) {
          throw new Error(
            'the CMDB has classes or relationship types beyond the built-in model, which CSV cannot carry: export as ndjson, json or yaml',
          );
        }
        await sink(csvRows(page));
      }
      break;
    case 'json':
      await writeJson(counted(), sink);
      break;
    case 'yaml': {
      const doc: { classes?: unknown[]; relationTypes?: unknown[]; cis: CiRecord[]; relations: RelationRecord[] } = {
        cis: [],
        relations: [],
      };
      for await (const page of counted()) {
        if (page.kind === 'model') Object.assign(doc, { classes: page.classes, relationTypes: page.relationTypes });
        else if (page.kind === 'cis') doc.cis.push(...page.cis);
        else doc.relations.push(...page.relations);
      }
      await sink(toYaml(doc));
      break;
    }
  }
  return counts;
}

function ndjsonLines(page: ExportPage): string {
  if (page.kind === 'model') return `${JSON.stringify({ classes: page.classes, relationTypes: page.relationTypes })}\n`;
  const records: unknown[] = page.kind === 'cis' ? page.cis : page.relations;
  return records.map((r) => `${JSON.stringify(r)}\n`).join('');
}

function csvRows(page: ExportPage): string {
  if (page.kind === 'model') return '';
  const json = (v: Record<string, unknown>) => (Object.keys(v).length === 0 ? '' : csvCell(JSON.stringify(v)));
  if (page.kind === 'cis')
    return page.cis
      .map(
        (c) =>
          `${csvCell(c.class)},${csvCell(c.name)},${csvCell(c.status)},${json(c.attributes)},${json(c.labels)},,,\n`,
      )
      .join('');
  return page.relations
    .map((r) => `,,,${json(r.attributes)},,${csvCell(r.type)},${csvCell(r.from)},${csvCell(r.to)}\n`)
    .join('');
}

/** `{"classes", "relationTypes", "cis": [...], "relations": [...]}` written as the pages come. */
async function writeJson(pages: AsyncIterable<ExportPage>, sink: TextSink): Promise<void> {
  let section: 'none' | 'cis' | 'relations' = 'none';
  let first = true;
  await sink('{\n');
  const open = async (next: 'cis' | 'relations') => {
    if (section === next) return;
    if (section === 'none' && next === 'relations') await sink('  "cis": [],\n');
    await sink(`${section === 'cis' ? '\n  ],\n' : ''}  "${next}": [\n`);
    section = next;
    first = true;
  };
  for await (const page of pages) {
    if (page.kind === 'model') {
      await sink(
        `  "classes": ${JSON.stringify(page.classes)},\n  "relationTypes": ${JSON.stringify(page.relationTypes)},\n`,
      );
      continue;
    }
    await open(page.kind);
    const records: unknown[] = page.kind === 'cis' ? page.cis : page.relations;
    await sink(records.map((r, i) => `${first && i === 0 ? '' : ',\n'}    ${JSON.stringify(r)}`).join(''));
    first = false;
  }
  if (section === 'none') await sink('  "cis": [],\n  "relations": []\n}\n');
  else if (section === 'cis') await sink('\n  ],\n  "relations": []\n}\n');
  else await sink('\n  ]\n}\n');
}
