import { csvStreamImporter } from './csv-stream.importer.js';
import { ndjsonImporter } from './ndjson.importer.js';
import type { StreamingImporter } from './stream.types.js';

/** Importers that stream their files (large volumes), by FORMAT word. */
export const STREAMING_IMPORTERS: ReadonlyMap<string, StreamingImporter> = new Map([ndjsonImporter, csvStreamImporter].map((i) => [i.format, i]));

/** Formats of Cairn's own desired-state document, read whole. */
export const DOCUMENT_FORMATS = ['json', 'yaml'] as const;

export { readCairnDocument } from './document.importer.js';
export { CAIRN_CSV_COLUMNS, csvCell } from './csv-layout.js';
export { lines } from './ndjson.importer.js';
export type { StreamInput, StreamingImporter, StreamOptions } from './stream.types.js';
