import type { DesiredCi, DesiredRelation } from '../../core/ci/desired-state.js';
import { isObject } from '../../core/ci/desired-state-input.js';
import type { ImportBatch } from '../../core/import/import.types.js';
import { RecordBatcher } from './record-batch.js';
import { DEFAULT_STREAM_BATCH, type StreamInput, type StreamingImporter, type StreamOptions } from './stream.types.js';

/**
 * Cairn's NDJSON: one JSON object a line — a CI `{class, name, status, attributes, labels}`, a
 * relationship `{type, from, to, attributes}`, or (first, as export writes it) the classes and
 * relationship types the records need `{classes, relationTypes}`. Read as a stream: lines are
 * cut from the incoming chunks and handed on in batches. Field checks (unknown fields are
 * errors) happen in the import service, which reports them with the line number kept here.
 */
export const ndjsonImporter: StreamingImporter = {
  format: 'ndjson',
  description: "Cairn's own NDJSON (what `cairn export --format ndjson` writes): one CI or relationship a line",
  async *stream(files: StreamInput[], options: StreamOptions = {}): AsyncGenerator<ImportBatch> {
    for (const file of files) yield* streamFile(file, options.batchSize ?? DEFAULT_STREAM_BATCH);
  },
};

async function* streamFile(file: StreamInput, size: number): AsyncGenerator<ImportBatch> {
  const batcher = new RecordBatcher(file.path, size);
  let lineNo = 0;
  for await (const line of lines(file.chunks)) {
    lineNo++;
    const model = readLine(batcher, line, lineNo);
    if (model) yield model;
    if (batcher.full) yield batcher.take()!;
  }
  const last = batcher.take();
  if (last) yield last;
}

/** Adds one line's record to the batch; returns a model batch for a `{classes, relationTypes}` line. */
function readLine(batcher: RecordBatcher, line: string, lineNo: number): ImportBatch | undefined {
  if (line.trim() === '') return undefined;
  let value: unknown;
  try {
    value = JSON.parse(line);
  } catch (e) {
    batcher.issue(lineNo, `is not valid JSON: ${(e as Error).message}`);
    return undefined;
  }
  if (!isObject(value)) {
    batcher.issue(lineNo, 'must be a JSON object: a CI {class, name, …} or a relationship {type, from, to, …}');
    return undefined;
  }
  if ('classes' in value || 'relationTypes' in value) {
    const extra = Object.keys(value).filter((k) => k !== 'classes' && k !== 'relationTypes');
    if (extra.length > 0)
      batcher.issue(lineNo, `${extra.join(', ')} is not a known field of a model line (classes, relationTypes)`);
    else
      return {
        classes: (value.classes ?? []) as never,
        relationTypes: (value.relationTypes ?? []) as never,
        cis: [],
        relations: [],
      };
    return undefined;
  }
  if ('type' in value || 'from' in value || 'to' in value)
    batcher.relation(value as unknown as DesiredRelation, lineNo);
  else batcher.ci(value as unknown as DesiredCi, lineNo);
  return undefined;
}

/**
 * Splits a stream of text chunks into lines (LF or CRLF). Only each new chunk is searched for a
 * newline, and the pieces of an unfinished line are joined once it ends: a line spread over many
 * chunks costs time in its length, where searching the carried-over text again on every chunk
 * took time in its square (a 1 MB line in small chunks took seconds).
 */
export async function* lines(chunks: AsyncIterable<string>): AsyncGenerator<string> {
  let pending: string[] = [];
  for await (const chunk of chunks) {
    let start = 0;
    for (let nl = chunk.indexOf('\n'); nl !== -1; nl = chunk.indexOf('\n', start)) {
      pending.push(chunk.slice(start, nl));
      const line = pending.join('');
      pending = [];
      yield line.endsWith('\r') ? line.slice(0, -1) : line;
      start = nl + 1;
    }
    if (start < chunk.length) pending.push(chunk.slice(start));
  }
  const rest = pending.join('');
  if (rest !== '') yield rest;
}
