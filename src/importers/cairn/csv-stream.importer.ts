import { parse } from 'csv-parse';
import { InputError } from '../../core/shared/errors.js';
import type { DesiredCi, DesiredRelation } from '../../core/ci/desired-state.js';
import type { ImportBatch } from '../../core/import/import.types.js';
import { resolveCsvMapping, type CsvMapping } from '../csv/csv-mapping.js';
import { RepeatedRows } from '../csv/csv-repeats.js';
import { convertRow, planRows } from '../csv/csv-row.js';
import { CAIRN_CSV_COLUMNS, isCairnLayout, readLayoutRow } from './csv-layout.js';
import { RecordBatcher } from './record-batch.js';
import { DEFAULT_STREAM_BATCH, type StreamInput, type StreamingImporter, type StreamOptions } from './stream.types.js';

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/**
 * CSV, streamed through csv-parse: with a mapping (see docs/importers/csv.md) each row becomes a
 * CI and its relationships; without one the header must be Cairn's own layout (what export
 * writes). Unlike the whole-file csv parser, a relationship may name a CI that is already in the
 * CMDB rather than in the file.
 */
export const csvStreamImporter: StreamingImporter = {
  format: 'csv',
  description:
    "CSV with a header row: Cairn's layout (class,name,status,attributes,labels,type,from,to) or any columns with --mapping",
  async *stream(files: StreamInput[], options: StreamOptions = {}): AsyncGenerator<ImportBatch> {
    const mapping = options.mapping === undefined ? undefined : mappingOf(options.mapping);
    // One rule across all files: the first row of a CI wins (csv-repeats.ts).
    const repeats = new RepeatedRows();
    for (const file of files) yield* streamFile(file, mapping, repeats, options.batchSize ?? DEFAULT_STREAM_BATCH);
  },
};

function mappingOf(raw: Record<string, unknown>): CsvMapping {
  try {
    return resolveCsvMapping(raw);
  } catch (e) {
    throw new InputError('IMPORT_MAPPING_INVALID', `csv mapping: ${(e as Error).message}`);
  }
}

async function* streamFile(
  file: StreamInput,
  mapping: CsvMapping | undefined,
  repeats: RepeatedRows,
  size: number,
): AsyncGenerator<ImportBatch> {
  const batcher = new RecordBatcher(file.path, size);
  const parser = parse({
    delimiter: mapping?.delimiter ?? ',',
    bom: true,
    info: true,
    relax_column_count: true,
    skip_empty_lines: true,
  });
  const feeding = feed(file.chunks, parser);
  let convert: ((row: string[], line: number) => void) | undefined;
  let sawHeader = false;
  try {
    for await (const { record, info } of parser as AsyncIterable<CsvRecord>) {
      if (!sawHeader) {
        sawHeader = true;
        convert = rowReader(batcher, mapping, record, info.lines, repeats);
        if (convert === undefined) break;
        continue;
      }
      convert!(record, startLine(record, info.lines));
      if (batcher.full) yield batcher.take()!;
    }
  } catch (e) {
    const line = (e as { lines?: unknown }).lines;
    batcher.issue(typeof line === 'number' ? line : undefined, `the file is not valid CSV: ${(e as Error).message}`);
  }
  parser.destroy();
  await feeding.catch(() => undefined);
  if (!sawHeader) batcher.issue(undefined, 'the file is empty: expected a header row');
  const last = batcher.take();
  if (last) yield last;
}

/** Turns the header into a row converter, or reports why it cannot be read (undefined). */
function rowReader(
  batcher: RecordBatcher,
  mapping: CsvMapping | undefined,
  header: string[],
  line: number,
  repeats: RepeatedRows,
) {
  /** Whether a row's CI is the first of its name; a repeat is noted or reported here. */
  const first = (ci: DesiredCi, relations: DesiredRelation[], at: number): boolean => {
    const repeat = repeats.check(ci, relations, `${batcher.file} line ${at}`);
    if (repeat.kind === 'same') batcher.noteRepeatedRow(at, repeat.message);
    if (repeat.kind === 'different') batcher.issue(at, repeat.message);
    return repeat.kind === 'first';
  };
  if (mapping === undefined) {
    if (!isCairnLayout(header)) {
      batcher.issue(
        line,
        `without --mapping the header must be Cairn's layout: ${CAIRN_CSV_COLUMNS.join(',')} (see docs/importers/csv.md for mapping any other columns)`,
      );
      return undefined;
    }
    return (row: string[], at: number) => {
      const result = readLayoutRow(row, header.length);
      if ('error' in result) batcher.issue(at, result.error);
      else if ('ci' in result) {
        if (first(result.ci, [], at)) batcher.ci(result.ci, at);
      } else batcher.relation(result.relation, at);
    };
  }
  const plan = planRows(mapping, header);
  if ('missing' in plan) {
    batcher.issue(
      line,
      `the header has no column ${plan.missing.map((c) => `"${c}"`).join(', ')}, which the mapping names`,
    );
    return undefined;
  }
  return (row: string[], at: number) => {
    const result = convertRow(plan, row);
    if ('error' in result) return batcher.issue(at, result.error);
    if (!first(result.ci, result.relations, at)) return;
    batcher.ci(result.ci, at);
    for (const r of result.relations) batcher.relation(r, at);
  };
}

/** Writes the chunks into the parser, honouring back-pressure. */
async function feed(chunks: AsyncIterable<string>, parser: ReturnType<typeof parse>): Promise<void> {
  for await (const chunk of chunks) {
    if (parser.destroyed) return;
    // A parser destroyed early (bad header, bad CSV) never drains: wait for whichever comes.
    if (!parser.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          parser.off('drain', done);
          parser.off('close', done);
          resolve();
        };
        parser.on('drain', done);
        parser.on('close', done);
      });
    }
  }
  parser.end();
}

/** csv-parse gives the line a record ends on; a quoted field may span lines. */
function startLine(record: string[], endLine: number): number {
  let line = endLine;
  for (const field of record) for (let i = field.indexOf('\n'); i !== -1; i = field.indexOf('\n', i + 1)) line--;
  return line;
}
