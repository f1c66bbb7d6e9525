import { parse } from 'csv-parse/sync';
import type { Importer, ImportFile, ImporterOptions, ImportResult } from '../importer.types.js';
import { InventoryBuilder } from '../common/inventory-builder.js';
import type { CsvMapping } from './csv-mapping.js';
import { resolveCsvMapping } from './csv-mapping.js';
import { RepeatedRows } from './csv-repeats.js';
import { convertRow, planRows } from './csv-row.js';

interface ParsedRecord {
  record: string[];
  info: { lines: number };
}

/**
 * CSV with a header row → CIs and relationships, as the mapping (`options.mapping`, required)
 * says. A bad row is reported with its line and left out; the others are imported. Columns
 * are looked up once per file and converters chosen once, so a row costs a few array reads.
 */
export const csvImporter: Importer = {
  format: 'csv',
  description: 'CSV with a header row, mapped to classes, attributes, labels and relationships by a mapping file',
  parse(files: ImportFile[], options?: ImporterOptions): ImportResult {
    const mapping = resolveCsvMapping(options?.mapping);
    const builder = new InventoryBuilder('csv');
    const repeats = new RepeatedRows();
    for (const file of files) parseFile(builder, mapping, repeats, file);
    return builder.build();
  },
};

function parseFile(builder: InventoryBuilder, mapping: CsvMapping, repeats: RepeatedRows, file: ImportFile): void {
  let records: ParsedRecord[];
  try {
    records = parse(file.text, {
      delimiter: mapping.delimiter,
      bom: true,
      info: true,
      relax_column_count: true,
      skip_empty_lines: true,
    }) as unknown as ParsedRecord[];
  } catch (error) {
    const lines = (error as { lines?: unknown }).lines;
    const position = typeof lines === 'number' ? { file: file.path, location: `line ${lines}` } : { file: file.path };
    builder.issue(position, `the file is not valid CSV: ${(error as Error).message}`);
    return;
  }
  const [header, ...rows] = records;
  if (header === undefined) {
    builder.issue({ file: file.path }, 'the file is empty: expected a header row');
    return;
  }
  const plan = planRows(mapping, header.record);
  if ('missing' in plan) {
    const columns = plan.missing.map((c) => `"${c}"`).join(', ');
    builder.issue(
      { file: file.path, location: `line ${header.info.lines}` },
      `the header has no column ${columns}, which the mapping names`,
    );
    return;
  }
  for (const { record, info } of rows) {
    const position = { file: file.path, location: `line ${startLine(record, info.lines)}` };
    const result = convertRow(plan, record);
    if ('error' in result) {
      builder.issue(position, result.error);
      continue;
    }
    const repeat = repeats.check(result.ci, result.relations, `${file.path} ${position.location}`);
    if (repeat.kind === 'same') builder.skipped.push({ ...position, message: repeat.message });
    if (repeat.kind === 'different') builder.issue(position, repeat.message);
    if (repeat.kind !== 'first' || builder.addCi(result.ci, position, 'report') === undefined) continue;
    for (const relation of result.relations) builder.addRelation(relation, position);
  }
}

/** csv-parse gives the line a record ends on; a quoted field may span lines. */
function startLine(record: string[], endLine: number): number {
  let line = endLine;
  for (const field of record) {
    if (!field.includes('\n')) continue;
    for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) line--;
  }
  return line;
}
