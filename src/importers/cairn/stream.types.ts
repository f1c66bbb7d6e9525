import type { ImportBatch } from '../../core/import/import.types.js';

/** One input file as a stream of text chunks; the caller opens it (importers never touch files). */
export interface StreamInput {
  path: string;
  chunks: AsyncIterable<string>;
}

export interface StreamOptions {
  /** A parsed mapping file (csv only). */
  mapping?: Record<string, unknown>;
  /** Records per batch handed to the import (default 5 000). */
  batchSize?: number;
}

/**
 * An importer for inputs too large to hold as one document: it reads its files as they stream
 * in and yields batches of records with their line numbers.
 */
export interface StreamingImporter {
  format: string;
  description: string;
  stream(files: StreamInput[], options?: StreamOptions): AsyncIterable<ImportBatch>;
}

export const DEFAULT_STREAM_BATCH = 5000;
