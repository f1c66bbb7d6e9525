import { csvStreamImporter } from './csv-stream.importer.js';
import { ndjsonImporter } from './ndjson.importer.js';
import type { StreamingImporter } from './stream.types.js';

/** Importers that stream their files (large volumes), by FORMAT word. */
export const STREAMING_IMPORTERS: ReadonlyMap<string, StreamingImporter> = new Map(
  [ndjsonImporter, csvStreamImporter].map((i) => [i.format, i]),
);

/** Formats of Cairn's own desired-state document, read whole. */
export const DOCUMENT_FORMATS = ['json', 'yaml'] as const;
