import type { ExportChunk, ImportBody, ImportReport } from '../contracts/import.contracts.js';
import type { UnresolvedRefPage, UnresolvedRefsQuery } from '../contracts/refs.contracts.js';
import type { ImportBatch } from '../core/import/import.types.js';

/** The import's options: `ImportBody` without its records. */
export type ImportOptions = Omit<
  ImportBody,
  'classes' | 'relationTypes' | 'cis' | 'relations' | 'positions' | 'issues' | 'skipped'
>;

/**
 * Imports: the records an importer read (on the client side: the importers parse the files)
 * written as one revision, dry-run, or put in a change. In-process the batches stream into the
 * database's one transaction; over HTTP they go as one request (the server's body limit bounds it).
 */
export interface ImportsClient {
  run(
    batches: AsyncIterable<ImportBatch> | Iterable<ImportBatch>,
    options: ImportOptions,
    onProgress?: (done: { cis: number; relations: number }) => void,
  ): Promise<ImportReport>;
  /** References imports kept because their target was not there yet (GET /refs). */
  unresolvedRefs(query: UnresolvedRefsQuery): Promise<UnresolvedRefPage>;
}

/** Exports: the CMDB, or its state at a point, in chunks read one after the other. */
export interface ExportsClient {
  chunk(query: { at?: string; classes?: string[]; limit?: number; cursor?: string }): Promise<ExportChunk>;
}
